import { DEFAULT_DATASET_ID } from '../dataset/default-dataset';
import type { Dataset } from '../dataset/schema';
import type { Catalog, DatasetInfo, ParsedRequest, Response } from '../messaging/protocol';
import type { AtlasStore, DatasetMeta } from '../storage/db';

/**
 * The options page's requests to the background: list, reload after an
 * import, remove, restore the default. Imports themselves are written by the
 * options page straight into IndexedDB (staging + commit, storage/staging.ts);
 * the background only reloads, so a 75k-paper file never crosses the
 * extension message channel.
 */

export type CatalogRequest = Extract<ParsedRequest, { type: 'datasets' | 'datasets-changed' | 'remove-dataset' | 'restore-default' }>;
export type CatalogResponse = Extract<Response, { type: CatalogRequest['type'] }>;

const CATALOG_TYPES: ReadonlySet<string> = new Set<CatalogRequest['type']>(['datasets', 'datasets-changed', 'remove-dataset', 'restore-default']);

export function isCatalogRequest(request: ParsedRequest): request is CatalogRequest {
  return CATALOG_TYPES.has(request.type);
}

/**
 * The committed datasets, oldest first, as a (re)started worker first reads
 * them. Rows of imports that died (tab closed, browser killed) are never
 * shown and are deleted now; an import still running holds a Web Lock and is
 * kept. The default dataset is seeded on first run only: a user who removed
 * it keeps it removed.
 */
export async function openCatalog(store: AtlasStore, defaultDataset: () => Dataset, log?: (message: string) => void): Promise<DatasetMeta[]> {
  const dropped = await store.cleanupStaging();
  if (dropped.length) log?.(`removed ${dropped.length} unfinished import(s)`);
  const metas = await store.list();
  if (metas.length > 0 || (await store.wasSeeded())) return metas;
  const seeded = defaultDataset();
  await store.putDataset(seeded, 'embedded profile');
  await store.markSeeded();
  log?.(`seeded default dataset (${seeded.papers.length} papers)`);
  return store.list();
}

/** Makes the change a request asks for; true when the service must reload. */
export async function applyCatalogRequest(request: CatalogRequest, store: AtlasStore, defaultDataset: () => Dataset): Promise<boolean> {
  switch (request.type) {
    case 'datasets':
      return false;
    case 'datasets-changed':
      return true;
    case 'remove-dataset':
      if (!(await store.removeDataset(request.id))) throw new Error(`No dataset "${request.id}" (was it removed already?).`);
      return true;
    case 'restore-default':
      // Replaces the default's rows if it is still there: "restore" also
      // repairs a default that was edited or partly lost.
      await store.putDataset(defaultDataset(), 'embedded profile');
      await store.markSeeded();
      return true;
  }
}

/** The list the options page shows, from the catalog records and the merge counts of the last load. */
export function catalogInfo(metas: readonly DatasetMeta[], mergedInto: ReadonlyMap<string, number>, totals: { papers: number; authors: number }): Omit<Catalog, 'type'> {
  const datasets = metas.map(
    (m): DatasetInfo => ({
      id: m.id, name: m.name, createdAt: m.createdAt, papers: m.papers, authors: m.authors,
      ...(m.origin ? { origin: m.origin } : {}),
      merged: mergedInto.get(m.id) ?? 0,
      isDefault: m.id === DEFAULT_DATASET_ID,
    }),
  );
  return { datasets, ...totals };
}

export function catalogResponse(type: CatalogRequest['type'], catalog: Omit<Catalog, 'type'>): CatalogResponse {
  return { type, ...catalog };
}
