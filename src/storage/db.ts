import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DATASET_FORMAT, DATASET_VERSION, PaperSchema, type Author, type Dataset, type Paper } from '../dataset/schema';
import { beginImport, cleanupStaging, datasetRange, deleteDatasetRows, type ImportLiveness, type StagingImport } from './staging';
import { chunks, type ChunkKey } from './chunks';
import { ABSTRACT_CHUNK } from '../index/abstract-chunks';
import { DatasetMetaSchema, migrateV1, type DatasetMeta } from './upgrade';

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

export interface IndexSnapshot {
  /** Which datasets (id@createdAt) the snapshot was built from. */
  builtFrom: string;
  /** What the background needs to answer (src/background/snapshot.ts); it carries its own format version. */
  data: unknown;
}

/** A build in progress: its snapshot is written only if the `index` store was not cleared meanwhile. */
export interface SnapshotTicket {
  nonce: string;
}

export type { ChunkKey } from './chunks';

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

const INDEX_KEY = 'current';
const PENDING_KEY = 'pending';
const SEEDED_KEY = 'seeded';
const LEARNED_PREFIX = 'learned:';

/** Where updatePaper keeps a learned record next to the snapshot (the learned overlay). */
export function learnedKey(paperId: string): string {
  return `${LEARNED_PREFIX}${paperId}`;
}

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
    async indexSnapshot(): Promise<IndexSnapshot | undefined> {
      const s = await db.get('index', INDEX_KEY);
      return s && 'builtFrom' in s ? s : undefined;
    },
    /**
     * Records learned from pages since the `index` store was last cleared
     * (updatePaper): their chunks already hold them, a snapshot may not.
     * Each is checked, as it is applied to a snapshot built without it.
     */
    async learnedPapers(): Promise<Paper[]> {
      const range = IDBKeyRange.bound(LEARNED_PREFIX, `${LEARNED_PREFIX}\uffff`);
      return (await db.getAll('index', range)).flatMap((row) => {
        const p = PaperSchema.safeParse(row);
        return p.success ? [p.data] : [];
      });
    },
    /** Call before reading the datasets a snapshot is built from; pass the ticket to putIndexSnapshot. */
    async reserveSnapshot(): Promise<SnapshotTicket> {
      const ticket = { nonce: `${Date.now()}:${Math.random()}` };
      await db.put('index', ticket, PENDING_KEY);
      return ticket;
    },
    /**
     * Writes the snapshot unless a dataset write cleared the store since the
     * ticket was taken (the snapshot would show rows that changed); false then.
     * `abstractsKey`: where its abstract chunks are (default the ticket's
     * nonce; an import's prebuild stored them under its own, staging.ts).
     */
    async putIndexSnapshot(
      snapshot: IndexSnapshot,
      ticket: SnapshotTicket,
      abstracts: readonly (readonly string[])[] = [],
      abstractsKey = ticket.nonce,
      /**
       * Takes parts of the record out to be stored beside it (the postings,
       * see forStorage in background/snapshot.ts); run once the transaction
       * is open, so the write keeps its place before later reads while the
       * work waits for the caller's answers to go out.
       */
      split?: (snapshot: IndexSnapshot) => { snapshot: IndexSnapshot; postings: StoredParts },
    ): Promise<boolean> {
      let tx = db.transaction('index', 'readwrite');
      const isValid = async () => {
        const pending = await tx.store.get(PENDING_KEY);
        return pending !== undefined && 'nonce' in pending && pending.nonce === ticket.nonce;
      };
      let valid = await isValid();
      const parts = valid && split ? split(snapshot) : { snapshot, postings: NO_PARTS };
      const { postings } = parts;
      const putChunks = (from: number, to: number) => {
        // One chunk made (copied) and cloned at a time.
        const puts: Promise<unknown>[] = [];
        for (let c = from; c < Math.min(postings.count, to); c++) puts.push(tx.store.put(postings.chunk(c), postingsKey(postings.key, c)));
        return puts;
      };
      if (valid && postings.count > POSTINGS_PER_TX) {
        // Many chunks (a large dataset): a batch per transaction, awaited, so
        // the copies made for each are let go before the next (one
        // transaction held all of them: +0.5 GB at 1M papers). The record
        // goes last, if the ticket still holds; else the chunks go again.
        for (let from = 0; from < postings.count; from += POSTINGS_PER_TX) {
          if (from > 0) tx = db.transaction('index', 'readwrite', { durability: 'relaxed' });
          await Promise.all(putChunks(from, from + POSTINGS_PER_TX));
          await tx.done;
        }
        tx = db.transaction('index', 'readwrite');
        valid = await isValid();
      }
      const mine = abstractKey(abstractsKey, '');
      const myPostings = postingsKey(postings.key, '');
      // Chunks of an older snapshot go with it (a build without a clear, e.g.
      // after a corrupt record); a voided build's own chunks (written on the
      // way, putAbstractChunks) go too.
      const stale = (await tx.store.getAllKeys()).filter(
        (k) =>
          (k.startsWith('abstracts:') && (valid ? !k.startsWith(mine) : k.startsWith(mine))) ||
          (k.startsWith('postings:') && (valid ? !k.startsWith(myPostings) : postings.key !== '' && k.startsWith(myPostings))),
      );
      const writes: Promise<unknown>[] = stale.map((k) => tx.store.delete(k));
      if (valid) {
        abstracts.forEach((chunk, n) => writes.push(tx.store.put([...chunk], abstractKey(abstractsKey, n))));
        if (postings.count <= POSTINGS_PER_TX) writes.push(...putChunks(0, postings.count));
        writes.push(tx.store.put(parts.snapshot, INDEX_KEY), tx.store.delete(PENDING_KEY));
      }
      await Promise.all(writes);
      await tx.done;
      return valid;
    },
    /** Posting chunks of the snapshot written with this key; undefined where gone (a newer snapshot replaced it). */
    async postingChunks(key: string, nos: readonly number[]): Promise<unknown[]> {
      const tx = db.transaction('index');
      const out = await Promise.all(nos.map((n) => tx.store.get(postingsKey(key, n))));
      await tx.done;
      return out;
    },
    /** Abstract chunks of a snapshot being built, written as the build goes (a 1M-paper build does not hold them all). */
    async putAbstractChunks(nonce: string, chunks: readonly { no: number; abstracts: readonly string[] }[]): Promise<void> {
      const tx = db.transaction('index', 'readwrite', { durability: 'relaxed' });
      await Promise.all([...chunks.map((c) => tx.store.put([...c.abstracts], abstractKey(nonce, c.no))), tx.done]);
    },
    /** Sets single abstracts (by ordinal) in chunks already written. */
    async patchAbstracts(nonce: string, abstracts: ReadonlyMap<number, string>): Promise<void> {
      const tx = db.transaction('index', 'readwrite');
      const byChunk = new Map<number, [number, string][]>();
      for (const [ord, text] of abstracts) byChunk.set(Math.floor(ord / ABSTRACT_CHUNK), [...(byChunk.get(Math.floor(ord / ABSTRACT_CHUNK)) ?? []), [ord, text]]);
      await Promise.all([
        ...[...byChunk].map(async ([no, list]) => {
          const chunk = await tx.store.get(abstractKey(nonce, no));
          if (!Array.isArray(chunk)) return;
          for (const [ord, text] of list) chunk[ord % ABSTRACT_CHUNK] = text;
          await tx.store.put(chunk, abstractKey(nonce, no));
        }),
        tx.done,
      ]);
    },
    /** Abstract chunks of the snapshot written with this ticket nonce; undefined where gone (a newer snapshot replaced it). */
    async abstractChunks(nonce: string, nos: readonly number[]): Promise<(string[] | undefined)[]> {
      const tx = db.transaction('index');
      const out = await Promise.all(nos.map(async (n) => {
        const v = await tx.store.get(abstractKey(nonce, n));
        return Array.isArray(v) ? v : undefined;
      }));
      await tx.done;
      return out;
    },
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

/** One chunk of a snapshot's postings (index/posting-chunks.ts withPostingsApart): packed postings. */
export interface PostingChunkRecord {
  posts: Uint32Array;
}

/** Posting chunks written beside the snapshot, made one at a time (see forStorage in background/snapshot.ts). */
export interface StoredParts {
  key: string;
  count: number;
  chunk: (c: number) => PostingChunkRecord;
}

/** Posting chunks written per transaction when a snapshot has more (see putIndexSnapshot). */
const POSTINGS_PER_TX = 64;

const NO_PARTS: StoredParts = { key: '', count: 0, chunk: () => ({ posts: new Uint32Array(0) }) };

function postingsKey(key: string, n: number | ''): string {
  return `postings:${key}:${n}`;
}

function abstractKey(nonce: string, n: number | ''): string {
  return `abstracts:${nonce}:${n}`;
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
