import { combineDatasets } from '../background/combine';
import { DATASET_FORMAT, DATASET_VERSION } from '../dataset/schema';
import { exportDataset } from '../import/native-json';
import type { AtlasStore } from './db';

/**
 * A download of one dataset, or of all of them merged into one (as the
 * background merges them), in the Paper Atlas JSON format that the importer
 * reads back: a backup a user can restore, or share.
 */
export async function exportFile(store: Pick<AtlasStore, 'datasets'>, which: { id: string } | 'all'): Promise<{ fileName: string; text: string }> {
  const datasets = await store.datasets();
  if (which === 'all') {
    const { papers, authors } = combineDatasets(datasets);
    const createdAt = new Date().toISOString();
    const text = exportDataset({ format: DATASET_FORMAT, version: DATASET_VERSION, id: 'all', name: 'Paper Atlas (all datasets)', createdAt, authors, papers });
    return { fileName: `paper-atlas-all-${createdAt.slice(0, 10)}.json`, text };
  }
  const ds = datasets.find((d) => d.id === which.id);
  if (!ds) throw new Error('That dataset is no longer there (removed in another tab?).');
  const slug = ds.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'dataset';
  return { fileName: `paper-atlas-${slug}.json`, text: exportDataset(ds) };
}
