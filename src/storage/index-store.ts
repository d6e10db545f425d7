/**
 * The `index` store's side of the store (see db.ts for the layout): the
 * background's snapshot record, the posting and abstract chunks written
 * beside it, the ticket that keeps a snapshot from outliving the rows it
 * shows, and the records learned from pages since. Apart from db.ts, which
 * holds the datasets' side, because it is derived data with rules of its
 * own (cleared by every dataset write; written only under a valid ticket).
 */
import type { IDBPDatabase } from 'idb';
import { PaperSchema, type Paper } from '../dataset/schema';
import { ABSTRACT_CHUNK } from '../index/abstract-chunks';
import type { AtlasDB } from './db';

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

const INDEX_KEY = 'current';
const PENDING_KEY = 'pending';
const LEARNED_PREFIX = 'learned:';

/** Where updatePaper keeps a learned record next to the snapshot (the learned overlay). */
export function learnedKey(paperId: string): string {
  return `${LEARNED_PREFIX}${paperId}`;
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

/** The `index` store's methods of an open store (spread into openStore's). */
export function indexStore(db: IDBPDatabase<AtlasDB>) {
  return {
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
  };
}
