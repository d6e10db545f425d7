import type { AbstractChunks } from '../index/abstract-chunks';
import { PaperIndex, type IndexSnapshotData } from '../index/paper-index';
import { withPostingsApart } from '../index/posting-chunks';
import { storedIndexStrings } from '../index/index-arrays';
import { storedPaperColumns } from '../index/paper-columns';
import { storedAuthorColumns } from '../index/author-columns';
import type { AtlasStore, SnapshotTicket, StoredParts } from '../storage/db';

/**
 * What a woken worker answers from: the index's arrays, papers and authors
 * as columns (see PaperIndex.snapshot), and the merge counts the catalog
 * shows. Written after each build into the store's `index` record, read on
 * the next cold start instead of every dataset: no dataset rows are read,
 * nothing is merged or re-validated posting by posting (each array carries
 * a checksum). Anything that does not fit throws: the service rebuilds.
 */

/** Bump when the record's shape changes: older snapshots are rebuilt. */
export const SNAPSHOT_FORMAT = 1;

export interface ServiceSnapshot {
  format: number;
  index: IndexSnapshotData;
  /** The nonce the abstract chunks are stored under (they are read on demand, see paper-columns.ts). */
  abstractsKey: string;
  /** Per dataset id: how many of its papers an earlier dataset already had (combine.ts). */
  mergedInto: [string, number][];
  /** Papers and authors after the merge. */
  totals: { papers: number; authors: number };
}

export function makeSnapshot(
  index: PaperIndex,
  abstractsKey: string,
  mergedInto: ReadonlyMap<string, number>,
  totals: ServiceSnapshot['totals'],
): { record: ServiceSnapshot; abstracts: AbstractChunks } {
  const { data, abstracts } = index.snapshot();
  return { record: { format: SNAPSHOT_FORMAT, index: data, abstractsKey, mergedInto: [...mergedInto], totals }, abstracts };
}

/**
 * The record as it is stored: the postings taken out into chunks, so a
 * woken worker reads the record without them (42 MB of 100 at 75k) and then
 * only the chunks its answers walk; and its strings one byte per character
 * (columns.ts storedColumn: 15.5M characters at 75k were two). `record`
 * itself is left as it is (the index built from it keeps answering from
 * memory).
 */
export function forStorage(record: ServiceSnapshot): { data: ServiceSnapshot; postings: StoredParts } {
  const key = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const { arrays, chunk, count } = withPostingsApart(storedIndexStrings(record.index.index), key);
  const index = { index: arrays, papers: storedPaperColumns(record.index.papers), authors: storedAuthorColumns(record.index.authors) };
  return { data: { ...record, index }, postings: { key, count, chunk } };
}

/**
 * Writes a built snapshot in its stored form (forStorage). Making it
 * (~0.5 s at 75k, a few seconds at 1M: hashing the postings' chunks,
 * narrowing the strings) runs once the write's transaction is open, after
 * the answers the build was for have gone out.
 */
export function storeSnapshot(
  store: AtlasStore,
  builtFrom: string,
  record: ServiceSnapshot,
  ticket: SnapshotTicket,
  abstracts?: readonly (readonly string[])[],
  abstractsKey?: string,
): Promise<boolean> {
  return store.putIndexSnapshot({ builtFrom, data: record }, ticket, abstracts, abstractsKey, (snapshot) => {
    const { data, postings } = forStorage(snapshot.data as ServiceSnapshot);
    return { snapshot: { ...snapshot, data }, postings };
  });
}

export interface LoadedSnapshot {
  index: PaperIndex;
  abstractsKey: string;
  mergedInto: Map<string, number>;
  totals: ServiceSnapshot['totals'];
}

/** `abstracts`: the chunks when they are at hand (right after a build); otherwise read on demand. */
export function readSnapshot(data: unknown, abstracts?: AbstractChunks): LoadedSnapshot {
  const s = data as Partial<ServiceSnapshot> | undefined;
  if (s?.format !== SNAPSHOT_FORMAT) throw new Error(`snapshot format ${String(s?.format)}, expected ${SNAPSHOT_FORMAT}`);
  if (!s.index || typeof s.abstractsKey !== 'string' || !Array.isArray(s.mergedInto) || typeof s.totals?.papers !== 'number' || typeof s.totals.authors !== 'number') {
    throw new Error('snapshot record incomplete');
  }
  const index = PaperIndex.fromSnapshot(s.index, abstracts);
  if (index.size !== s.totals.papers) throw new Error('snapshot paper count differs from its totals');
  return { index, abstractsKey: s.abstractsKey, mergedInto: new Map(s.mergedInto), totals: s.totals };
}

/** The token a snapshot is keyed by: the datasets it was built from, as id@createdAt. */
export function datasetsToken(datasets: readonly { id: string; createdAt: string }[]): string {
  return datasets.map((d) => `${d.id}@${d.createdAt}`).sort().join(',');
}
