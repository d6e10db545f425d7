import { openStore, type AtlasStore } from '../../src/storage/db';

/**
 * An openStore that counts full passes over the dataset rows (a rebuild
 * lists each dataset's chunks once): the slow path that a cold start and
 * learning must avoid. `datasets` is the number of rebuilds.
 */
export function countingStore(): { reads: { datasets: number; abstractChunks: number }; open: () => Promise<AtlasStore> } {
  const reads = { datasets: 0, abstractChunks: 0 };
  const open = async () => {
    const store = await openStore();
    // A rebuild reserves a snapshot ticket before it reads any row.
    const reserve = store.reserveSnapshot.bind(store);
    store.reserveSnapshot = () => {
      reads.datasets++;
      return reserve();
    };
    const abstracts = store.abstractChunks.bind(store);
    store.abstractChunks = (nonce, nos) => {
      reads.abstractChunks += nos.length;
      return abstracts(nonce, nos);
    };
    const all = store.datasets.bind(store);
    store.datasets = () => {
      reads.datasets++;
      return all();
    };
    return store;
  };
  return { reads, open };
}
