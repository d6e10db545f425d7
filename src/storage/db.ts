import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DATASET_FORMAT, DATASET_VERSION, type Author, type Dataset, type Paper } from '../dataset/schema';
import { beginImport, cleanupStaging, datasetRange, deleteDatasetRows, type ImportLiveness, type StagingImport } from './staging';
import { chunks, type ChunkKey } from './chunks';
import { DatasetMetaSchema, migrateV1, type DatasetMeta } from './upgrade';
import { indexStore, type IndexSnapshot, type PostingChunkRecord, type SnapshotTicket } from './index-store';

/**
 * IndexedDB layout (v2). A dataset is a small catalog record (`datasets`)
 * plus its papers and authors in chunks of a few thousand, keyed
 * [datasetId, chunkNo]: one IndexedDB request costs far more than cloning a
 * record (per-paper rows made a 75k import take minutes), yet no value is
 * one huge 100 MB array either. A 75k-paper import is written in batches, and
 * an import can write under a staging id that readers ignore until one final
 * transaction marks it committed (see staging.ts). The index snapshot is
 * derived data, stored so a restarted worker does not rebuild it: every
 * write of dataset rows clears the `index` store in its own transaction, and
 * a snapshot is only written if nothing cleared the store since its build
 * began (reserveSnapshot), so a snapshot never outlives the rows it shows.
 * Learning (update-papers.ts) is the exception: it keeps the snapshot and
 * adds the record to the learned overlay (`learned:<paperId>`), which the
 * background applies on top of the snapshot it loads.
 * Bump DB_VERSION and add an upgrade step when the layout changes.
 */
export const DB_NAME = 'paper-atlas';
export const DB_VERSION = 2;

export type { DatasetMeta } from './upgrade';
export type { ImportLiveness, StagingImport } from './staging';

export type { IndexSnapshot, PostingChunkRecord, SnapshotTicket, StoredParts } from './index-store';
export type { ChunkKey } from './chunks';
export { learnedKey } from './index-store';

export interface AtlasDB extends DBSchema {
  datasets: { key: string; value: DatasetMeta };
  papers: { key: ChunkKey; value: Paper[] };
  authors: { key: ChunkKey; value: Author[] };
  /**
   * The snapshot ('current'), its abstract chunks ('abstracts:<nonce>:<n>') and posting chunks
   * ('postings:<key>:<n>', each { posts }), a build's ticket ('pending'),
   * and records learned from pages since ('learned:<paperId>', applied on top of the snapshot).
   */
  index: { key: string; value: IndexSnapshot | SnapshotTicket | string[] | Paper | PostingChunkRecord };
  /** Small flags, e.g. whether the default dataset was ever seeded. */
  settings: { key: string; value: boolean };
}

export type AtlasStore = Awaited<ReturnType<typeof openStore>>;

/**
 * One value, in a transaction committed as soon as the read is sent: it ends
 * when the store has read the value, not when this context next runs. A
 * worker busy indexing for 200 ms would otherwise hold it open that long,
 * and an import's writes to the same store wait for it.
 */
function readNow<S extends 'papers' | 'authors'>(db: IDBPDatabase<AtlasDB>, store: S, key: ChunkKey): Promise<AtlasDB[S]['value'] | undefined> {
  const tx = db.transaction(store);
  const value = tx.store.get(key);
  tx.commit();
  return value;
}

const SEEDED_KEY = 'seeded';

function metaFor(dataset: Dataset, origin: string | undefined, now: number): DatasetMeta {
  return {
    id: dataset.id, name: dataset.name, createdAt: dataset.createdAt, committed: true,
    papers: dataset.papers.length, authors: dataset.authors.length,
    ...(origin ? { origin } : {}), touchedAt: now,
  };
}

/** Opens the global `indexedDB` (unit tests install fake-indexeddb's). */
export async function openStore(opts: { name?: string } = {}) {
  const db: IDBPDatabase<AtlasDB> = await openDB<AtlasDB>(opts.name ?? DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        database.createObjectStore('datasets', { keyPath: 'id' });
        database.createObjectStore('index');
      }
      if (oldVersion < 2) {
        database.createObjectStore('papers');
        database.createObjectStore('authors');
        database.createObjectStore('settings');
        // v1 kept whole datasets in `datasets`: split them into rows. An
        // error aborts the upgrade, so the v1 data stays as it was.
        if (oldVersion === 1) void migrateV1(tx).catch(() => tx.abort());
      }
    },
    // A newer version (an updated extension in another context) wants to
    // upgrade: let it, instead of blocking it until this page closes.
    blocking() {
      db.close();
    },
  });

  return {
    db,
    /** Committed datasets, oldest first, read in one transaction so the set is consistent. */
    async datasets(): Promise<Dataset[]> {
      const tx = db.transaction(['datasets', 'papers', 'authors']);
      const metas = await committedMetas(tx.objectStore('datasets').getAll());
      // Records were validated by the importer before they were written;
      // re-parsing 75k papers on every worker start would cost seconds.
      const out = await Promise.all(
        metas.map(async (m): Promise<Dataset> => {
          const [papers, authors] = await Promise.all([tx.objectStore('papers').getAll(datasetRange(m.id)), tx.objectStore('authors').getAll(datasetRange(m.id))]);
          return { format: DATASET_FORMAT, version: DATASET_VERSION, id: m.id, name: m.name, createdAt: m.createdAt, papers: papers.flat(), authors: authors.flat() };
        }),
      );
      await tx.done;
      return out;
    },
    /** Keys of a dataset's paper chunks, in stored order (read them one by one with paperChunk). */
    async paperChunkKeys(id: string): Promise<IDBValidKey[]> {
      return db.getAllKeys('papers', datasetRange(id));
    },
    /** One stored chunk of papers; undefined when it is gone (the dataset was removed meanwhile). */
    async paperChunk(key: IDBValidKey): Promise<Paper[] | undefined> {
      return readNow(db, 'papers', key as ChunkKey);
    },
    /** One stored chunk of author records (an import stores one per batch, beside its papers). */
    async authorChunk(key: IDBValidKey): Promise<Author[] | undefined> {
      return readNow(db, 'authors', key as ChunkKey);
    },
    /** A dataset's author records (a few per paper at most: read at once). */
    async datasetAuthors(id: string): Promise<Author[]> {
      return (await db.getAll('authors', datasetRange(id))).flat();
    },
    /** The catalog: committed datasets only, oldest first. */
    async list(): Promise<DatasetMeta[]> {
      return committedMetas(db.getAll('datasets'));
    },
    async dataset(id: string): Promise<Dataset | undefined> {
      return (await this.datasets()).find((d) => d.id === id);
    },
    /** Writes (or replaces) a whole dataset in one transaction; for small ones (seed, profile). */
    async putDataset(dataset: Dataset, origin?: string): Promise<void> {
      // Writing the dataset invalidates the snapshot in the same transaction,
      // so a worker killed in between never pairs new data with an old index.
      const tx = db.transaction(['datasets', 'papers', 'authors', 'index'], 'readwrite');
      const writes: Promise<unknown>[] = [deleteDatasetRows(tx, dataset.id), tx.objectStore('index').clear()];
      writes.push(tx.objectStore('datasets').put(metaFor(dataset, origin, Date.now())));
      chunks(dataset.papers).forEach((c, n) => writes.push(tx.objectStore('papers').put(c, [dataset.id, n])));
      chunks(dataset.authors).forEach((c, n) => writes.push(tx.objectStore('authors').put(c, [dataset.id, n])));
      await Promise.all([...writes, tx.done]);
    },
    /** Removes a dataset and every row of it at once; false when there was none. */
    async removeDataset(id: string): Promise<boolean> {
      const tx = db.transaction(['datasets', 'papers', 'authors', 'index'], 'readwrite');
      const existed = (await tx.objectStore('datasets').getKey(id)) !== undefined;
      await Promise.all([deleteDatasetRows(tx, id), tx.objectStore('index').clear(), tx.done]);
      return existed;
    },
    /** Starts an import under a staging id; nothing is visible until commit(). */
    beginImport(opts: { name: string; origin?: string; id?: string }): Promise<StagingImport> {
      return beginImport(db, opts);
    },
    /** Deletes staging rows of imports that are no longer running (crashed, tab closed). */
    cleanupStaging(isAlive?: ImportLiveness): Promise<string[]> {
      return cleanupStaging(db, isAlive);
    },
    ...indexStore(db),
    /** True once the default dataset was seeded: removing it later must not bring it back. */
    async wasSeeded(): Promise<boolean> {
      return (await db.get('settings', SEEDED_KEY)) === true;
    },
    async markSeeded(): Promise<void> {
      await db.put('settings', true, SEEDED_KEY);
    },
    close(): void {
      db.close();
    },
  };
}

async function committedMetas(rows: Promise<unknown[]>): Promise<DatasetMeta[]> {
  // A record that does not parse (hand-edited, from a future version) is
  // skipped rather than breaking every lookup.
  return (await rows)
    .flatMap((row) => {
      const m = DatasetMetaSchema.safeParse(row);
      return m.success && m.data.committed ? [m.data] : [];
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}
