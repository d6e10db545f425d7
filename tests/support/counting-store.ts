import { openStore, type AtlasStore } from '../../src/storage/db';

/**
 * An openStore whose reads of dataset rows are counted: the slow path (a
 * full rebuild) that a cold start and learning must avoid.
 */
export function countingStore(): { reads: { datasets: number }; open: () => Promise<AtlasStore> } {
  const reads = { datasets: 0 };
  const open = async () => {
    const store = await openStore();
    const datasets = store.datasets.bind(store);
    store.datasets = () => {
      reads.datasets++;
      return datasets();
    };
    return store;
  };
  return { reads, open };
}
