import type { IDBPTransaction, StoreNames } from 'idb';
import { z } from 'zod';
import { DatasetSchema } from '../dataset/schema';
import { chunks } from './chunks';
import type { AtlasDB } from './db';

/**
 * The catalog record of a dataset, and the upgrade step from the v1 layout
 * (one whole Dataset per record) to v2 (catalog + chunks of papers/authors).
 */

export const DatasetMetaSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** ISO timestamp; set when the import commits. Datasets merge oldest first. */
  createdAt: z.string(),
  /** False while an import is still writing rows: readers skip the dataset. */
  committed: z.boolean(),
  papers: z.number().int().nonnegative(),
  authors: z.number().int().nonnegative(),
  /** Where the data came from, e.g. "arXiv metadata (JSON lines): sample.jsonl.gz". */
  origin: z.string().optional(),
  /** ms since epoch of the last write: how cleanup tells an abandoned import without Web Locks. */
  touchedAt: z.number(),
});
export type DatasetMeta = z.infer<typeof DatasetMetaSchema>;

type UpgradeTx = IDBPTransaction<AtlasDB, StoreNames<AtlasDB>[], 'versionchange'>;

/**
 * v1 → v2, inside the versionchange transaction: if it throws, the caller
 * aborts the transaction and the database stays at v1, data untouched.
 * A v1 record that no longer parses is dropped (v1 skipped those too).
 */
export async function migrateV1(tx: UpgradeTx): Promise<void> {
  const catalog = tx.objectStore('datasets');
  const rows: unknown[] = await catalog.getAll();
  const writes: Promise<unknown>[] = [catalog.clear(), tx.objectStore('index').clear()];
  let any = false;
  for (const row of rows) {
    const parsed = DatasetSchema.safeParse(row);
    if (!parsed.success) continue;
    const d = parsed.data;
    any = true;
    writes.push(
      catalog.put({ id: d.id, name: d.name, createdAt: d.createdAt, committed: true, papers: d.papers.length, authors: d.authors.length, touchedAt: Date.now() }),
    );
    chunks(d.papers).forEach((c, n) => writes.push(tx.objectStore('papers').put(c, [d.id, n])));
    chunks(d.authors).forEach((c, n) => writes.push(tx.objectStore('authors').put(c, [d.id, n])));
  }
  // A v1 profile held the seeded default (v1 seeded whenever it was empty).
  if (any) writes.push(tx.objectStore('settings').put(true, 'seeded'));
  await Promise.all(writes);
}
