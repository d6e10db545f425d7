import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DatasetSchema, type Dataset } from '../dataset/schema';

/**
 * IndexedDB layout. Datasets are stored whole (one record each); the index
 * snapshot is derived data, stored so a restarted worker does not rebuild it.
 * Bump DB_VERSION and add an upgrade step when the layout changes.
 */
export const DB_NAME = 'paper-atlas';
export const DB_VERSION = 1;

export interface IndexSnapshot {
  /** Which datasets (id@createdAt) the snapshot was built from. */
  builtFrom: string;
  /** The index's own serialized form; it carries its own format version. */
  data: unknown;
}

interface AtlasDB extends DBSchema {
  datasets: { key: string; value: Dataset };
  index: { key: string; value: IndexSnapshot };
}

export type AtlasStore = Awaited<ReturnType<typeof openStore>>;

const INDEX_KEY = 'current';

/** Opens the global `indexedDB` (unit tests install fake-indexeddb's). */
export async function openStore() {
  const db: IDBPDatabase<AtlasDB> = await openDB<AtlasDB>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('datasets', { keyPath: 'id' });
        database.createObjectStore('index');
      }
    },
  });

  return {
    /** Every stored dataset that still parses; a corrupt record is skipped, not fatal. */
    async datasets(): Promise<Dataset[]> {
      const rows = await db.getAll('datasets');
      return rows.flatMap((row) => {
        const parsed = DatasetSchema.safeParse(row);
        return parsed.success ? [parsed.data] : [];
      });
    },
    async putDataset(dataset: Dataset): Promise<void> {
      // Writing the dataset invalidates the snapshot in the same transaction,
      // so a worker killed in between never pairs new data with an old index.
      const tx = db.transaction(['datasets', 'index'], 'readwrite');
      await Promise.all([tx.objectStore('datasets').put(dataset), tx.objectStore('index').delete(INDEX_KEY), tx.done]);
    },
    async indexSnapshot(): Promise<IndexSnapshot | undefined> {
      return db.get('index', INDEX_KEY);
    },
    async putIndexSnapshot(snapshot: IndexSnapshot): Promise<void> {
      await db.put('index', snapshot, INDEX_KEY);
    },
    close(): void {
      db.close();
    },
  };
}
