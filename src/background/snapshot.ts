import type { AbstractChunks } from '../index/abstract-chunks';
import { PaperIndex, type IndexSnapshotData } from '../index/paper-index';

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
