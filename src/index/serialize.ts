/**
 * A compact, JSON-able form of the inverted index, so a large dataset does not
 * have to be re-tokenized on every start. Only the postings are stored; the
 * cheap lookup maps (ids, titles, authors) are rebuilt from the dataset.
 *
 * Any problem loading (unknown version, bad shape, index built for other
 * papers) throws IndexLoadError: the caller then rebuilds with PaperIndex.build.
 */
import type { Paper } from '../dataset/schema';
import { compareTerms, TermIndex } from './search';

export const INDEX_FORMAT_VERSION = 1;

export interface SerializedIndex {
  version: number;
  /** Number of papers the index was built from. */
  paperCount: number;
  /** datasetFingerprint() of those papers. */
  fingerprint: string;
  /** Sorted terms. */
  vocab: string[];
  /**
   * Per term: [ordGap, code, ordGap, code, ...], ordinals delta-encoded
   * (first gap is the ordinal itself) so the numbers stay small in JSON.
   */
  postings: number[][];
}

export type IndexLoadProblem = 'version' | 'shape' | 'dataset';

export class IndexLoadError extends Error {
  constructor(
    readonly problem: IndexLoadProblem,
    message: string,
  ) {
    super(message);
    this.name = 'IndexLoadError';
  }
}

/**
 * FNV-1a (32-bit) over paper ids and titles in order: changes when papers are
 * added, removed, reordered or renamed. Abstract edits are not detected.
 */
export function datasetFingerprint(papers: readonly Pick<Paper, 'id' | 'title'>[]): string {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  };
  for (const p of papers) {
    mix(p.id);
    mix(p.title);
  }
  return `${papers.length}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

export function serializeTermIndex(index: TermIndex, papers: readonly Paper[]): SerializedIndex {
  return {
    version: INDEX_FORMAT_VERSION,
    paperCount: papers.length,
    fingerprint: datasetFingerprint(papers),
    vocab: [...index.vocab],
    postings: index.postings.map((list) => {
      const out = new Array<number>(list.length);
      let prev = 0;
      for (let i = 0; i < list.length; i += 2) {
        const ord = list[i] ?? 0;
        out[i] = ord - prev;
        out[i + 1] = list[i + 1] ?? 0;
        prev = ord;
      }
      return out;
    }),
  };
}

function isNat(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Inverse of serializeTermIndex; throws IndexLoadError instead of loading a wrong index. */
export function deserializeTermIndex(data: unknown, papers: readonly Paper[]): TermIndex {
  if (!isRecord(data)) throw new IndexLoadError('shape', 'index data is not an object');
  if (data.version !== INDEX_FORMAT_VERSION) {
    throw new IndexLoadError('version', `unsupported index version ${String(data.version)}`);
  }
  if (data.paperCount !== papers.length || data.fingerprint !== datasetFingerprint(papers)) {
    throw new IndexLoadError('dataset', 'index was built for different papers');
  }
  const { vocab, postings } = data;
  if (!Array.isArray(vocab) || !Array.isArray(postings) || vocab.length !== postings.length) {
    throw new IndexLoadError('shape', 'vocab/postings missing or of different lengths');
  }
  const terms: string[] = [];
  const lists: number[][] = [];
  for (let t = 0; t < vocab.length; t++) {
    const term: unknown = vocab[t];
    const enc: unknown = postings[t];
    if (typeof term !== 'string' || (t > 0 && compareTerms(terms[t - 1] ?? '', term) >= 0)) {
      throw new IndexLoadError('shape', `vocab not sorted/unique at ${t}`);
    }
    if (!Array.isArray(enc) || enc.length % 2 !== 0) throw new IndexLoadError('shape', `bad postings for "${term}"`);
    const list = new Array<number>(enc.length);
    let ord = 0;
    for (let i = 0; i < enc.length; i += 2) {
      const gap: unknown = enc[i];
      const code: unknown = enc[i + 1];
      if (!isNat(gap) || !isNat(code) || (i > 0 && gap === 0)) {
        throw new IndexLoadError('shape', `bad posting for "${term}"`);
      }
      ord += gap;
      if (ord >= papers.length) throw new IndexLoadError('shape', `posting out of range for "${term}"`);
      list[i] = ord;
      list[i + 1] = code;
    }
    terms.push(term);
    lists.push(list);
  }
  return new TermIndex(terms, lists, papers.length);
}
