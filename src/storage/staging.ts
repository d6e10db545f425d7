import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Author, Paper } from '../dataset/schema';
import { mergePapers } from '../import/merge';
import type { AtlasDB } from './db';
import { DatasetMetaSchema, type DatasetMeta } from './upgrade';

/**
 * All-or-nothing imports. Rows are written in batches under a fresh dataset
 * id whose catalog record says `committed: false`; every reader skips such
 * datasets. commit() flips the flag in one transaction, so a cancelled or
 * crashed import never shows, and what was committed before is untouched.
 * Leftover staging rows are deleted by cleanupStaging on the next start.
 */

export interface StagingImport {
  readonly id: string;
  /**
   * Writes one batch (one chunk) in its own transaction. A paper whose id
   * this import already wrote is merged into that record at commit.
   */
  write(papers: readonly Paper[], authors: readonly Author[]): Promise<{ duplicates: number }>;
  /** Makes the dataset visible, with its final counts. Throws if it was cleaned up meanwhile. */
  commit(): Promise<DatasetMeta>;
  /** Deletes everything written so far. */
  abort(): Promise<void>;
}

/**
 * The key prefix of the abstract chunks the background stores while it
 * indexes import `id` as it is written (src/background/prebuild.ts), in the
 * `index` store. The import's commit keeps them (it clears everything else
 * there); its abort or cleanup deletes them.
 */
export const prebuildNonce = (id: string) => `prebuild-${id}`;
const prebuildRange = (id: string) => IDBKeyRange.bound(`abstracts:${prebuildNonce(id)}:`, `abstracts:${prebuildNonce(id)}:\uffff`);

/** Clears the `index` store except the prebuild chunks of import `id` (two range deletes around them). */
function clearIndexKeeping(tx: Tx, id: string): Promise<unknown> {
  const range = prebuildRange(id);
  const store = tx.objectStore('index');
  return Promise.all([store.delete(IDBKeyRange.upperBound(range.lower, true)), store.delete(IDBKeyRange.lowerBound(range.upper, true))]);
}

/** Is the import that owns this staging record still running? */
export type ImportLiveness = (meta: DatasetMeta) => Promise<boolean>;

/** Held (Web Locks) by the context running an import, for as long as it runs. */
export const importLockName = (id: string) => `paper-atlas-import:${id}`;

/** Without Web Locks, an import silent this long is taken for dead. */
export const STALE_AFTER_MS = 10 * 60_000;

type Tx = IDBPTransaction<AtlasDB, StoreNames<AtlasDB>[], 'readwrite' | 'versionchange'>;

/** Every key [id, *]: arrays sort after strings, so [id, []] is above [id, 'anything']. */
export function datasetRange(id: string): IDBKeyRange {
  return IDBKeyRange.bound([id], [id, []]);
}

export function deleteDatasetRows(tx: Tx, id: string): Promise<unknown> {
  return Promise.all([tx.objectStore('datasets').delete(id), tx.objectStore('papers').delete(datasetRange(id)), tx.objectStore('authors').delete(datasetRange(id))]);
}

/** Web Locks when the context has them (pages and workers of one extension share them). */
export const lockLiveness: ImportLiveness = async (meta) => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return Date.now() - meta.touchedAt < STALE_AFTER_MS;
  const held = (await locks.query()).held ?? [];
  return held.some((l) => l.name === importLockName(meta.id));
};

export function newImportId(): string {
  return `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

/** `id`: pass one whose lock (importLockName) is already held, so cleanup can never take the record for abandoned. */
export async function beginImport(db: IDBPDatabase<AtlasDB>, opts: { name: string; origin?: string; id?: string }): Promise<StagingImport> {
  const id = opts.id ?? newImportId();
  const staged = (): DatasetMeta => ({
    id, name: opts.name, createdAt: new Date().toISOString(), committed: false, papers: 0, authors: 0,
    ...(opts.origin ? { origin: opts.origin } : {}), touchedAt: Date.now(),
  });
  await db.put('datasets', staged());
  let finished = false;
  let chunkNo = 0;
  // Counted here: the importers hand each author once per import, and a
  // Set of paper ids finds a paper listed twice (flat memory: ids only).
  const paperIds = new Set<string>();
  const duplicates: Paper[] = [];
  let authorCount = 0;

  return {
    id,
    async write(papers, authors) {
      if (finished) throw new Error('this import is already finished');
      const fresh: Paper[] = [];
      for (const p of papers) {
        if (paperIds.has(p.id)) duplicates.push(p);
        else {
          paperIds.add(p.id);
          fresh.push(p);
        }
      }
      authorCount += authors.length;
      // Relaxed durability: a batch lost to a crash is harmless (the import
      // is invisible until commit, which is strict and flushes them all).
      const tx = db.transaction(['datasets', 'papers', 'authors'], 'readwrite', { durability: 'relaxed' });
      const n = chunkNo++;
      await Promise.all([
        tx.objectStore('papers').put(fresh, [id, n]),
        // Stored as given (structured clone copies it); no defensive copy of a 2,000-record array.
        tx.objectStore('authors').put(authors as Author[], [id, n]),
        tx.objectStore('datasets').put({ ...staged(), touchedAt: Date.now() }),
        tx.done,
      ]);
      return { duplicates: papers.length - fresh.length };
    },
    async commit() {
      if (finished) throw new Error('this import is already finished');
      const tx = db.transaction(['datasets', 'papers', 'index'], 'readwrite', { durability: 'strict' });
      const current = DatasetMetaSchema.safeParse(await tx.objectStore('datasets').get(id));
      if (!current.success) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new Error('the import was interrupted and its data removed; please import the file again');
      }
      if (duplicates.length) await mergeDuplicates(tx.objectStore('papers'), id, duplicates);
      const meta: DatasetMeta = { ...current.data, committed: true, createdAt: new Date().toISOString(), papers: paperIds.size, authors: authorCount, touchedAt: Date.now() };
      await Promise.all([tx.objectStore('datasets').put(meta), clearIndexKeeping(tx, id), tx.done]);
      finished = true;
      return meta;
    },
    async abort() {
      finished = true;
      const tx = db.transaction(['datasets', 'papers', 'authors', 'index'], 'readwrite');
      await Promise.all([deleteDatasetRows(tx, id), tx.objectStore('index').delete(prebuildRange(id)), tx.done]);
    },
  };
}

type PaperStore = IDBPObjectStore<AtlasDB, ['datasets', 'papers', 'index'], 'papers', 'readwrite'>;

/**
 * Same paper twice in one file: one record, sources and gaps united (as
 * mergePapers does), kept at its first position. Rare, so it may read
 * every chunk of the import once.
 */
async function mergeDuplicates(store: PaperStore, id: string, duplicates: readonly Paper[]): Promise<void> {
  const byId = new Map<string, Paper[]>();
  for (const p of duplicates) byId.set(p.id, [...(byId.get(p.id) ?? []), p]);
  let cursor = await store.openCursor(datasetRange(id));
  while (cursor) {
    let changed = false;
    const chunk = cursor.value.map((p) => {
      const again = byId.get(p.id);
      if (!again) return p;
      changed = true;
      return again.reduce((kept, dup) => mergePapers([kept], [dup]).papers[0] ?? kept, p);
    });
    if (changed) await cursor.update(chunk);
    cursor = await cursor.continue();
  }
}

export async function cleanupStaging(db: IDBPDatabase<AtlasDB>, isAlive: ImportLiveness = lockLiveness): Promise<string[]> {
  const removed: string[] = [];
  for (const row of await db.getAll('datasets')) {
    const meta = DatasetMetaSchema.safeParse(row);
    if (!meta.success || meta.data.committed || (await isAlive(meta.data))) continue;
    const tx = db.transaction(['datasets', 'papers', 'authors', 'index'], 'readwrite');
    // Re-check inside the transaction: the import may have committed meanwhile.
    const now = DatasetMetaSchema.safeParse(await tx.objectStore('datasets').get(meta.data.id));
    if (now.success && !now.data.committed) {
      await Promise.all([deleteDatasetRows(tx, meta.data.id), tx.objectStore('index').delete(prebuildRange(meta.data.id))]);
      removed.push(meta.data.id);
    }
    await tx.done;
  }
  return removed;
}
