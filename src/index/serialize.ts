/**
 * The compact persisted form of the index: typed arrays (the caller stores
 * them in IndexedDB, which keeps ArrayBuffers as they are: no JSON, no
 * parsing), so a cold start only checks and wraps them. The cheap lookup maps
 * (ids, arXiv ids, authors) are rebuilt lazily from the dataset.
 *
 * Any problem loading (unknown version, bad shape, index built for other
 * papers) throws IndexLoadError: the caller then rebuilds with PaperIndex.build.
 */
import type { Paper } from '../dataset/schema';
import type { ContentStats } from './related';
import { TermIndex } from './term-index';

/** 1: JSON arrays; 2: typed arrays (this file). */
export const INDEX_FORMAT_VERSION = 2;

export interface SerializedIndex {
  version: number;
  /** Number of papers the index was built from. */
  paperCount: number;
  /** datasetFingerprint() of those papers. */
  fingerprint: string;
  /** Sorted terms joined by "\n" (terms never contain whitespace). */
  vocab: string;
  /** vocab length + 1: postings of term t are [offsets[t], offsets[t+1]). */
  offsets: Uint32Array;
  /** Paper ordinals, ascending within each term. */
  ords: Uint32Array;
  /** One posting code per ordinal (see encodePosting). */
  codes: Uint8Array;
  /** Related-papers statistics: content idf per term, vector norm per paper. */
  idf: Float32Array;
  norms: Float32Array;
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

export function serializeTermIndex(index: TermIndex, stats: ContentStats, papers: readonly Paper[]): SerializedIndex {
  return {
    version: INDEX_FORMAT_VERSION,
    paperCount: papers.length,
    fingerprint: datasetFingerprint(papers),
    vocab: index.vocab.join('\n'),
    offsets: index.offsets,
    ords: index.ords,
    codes: index.codes,
    idf: stats.idf,
    norms: stats.norms,
  };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Inverse of serializeTermIndex; throws IndexLoadError instead of loading a wrong index. */
export function deserializeTermIndex(data: unknown, papers: readonly Paper[]): { index: TermIndex; stats: ContentStats } {
  if (!isRecord(data)) throw new IndexLoadError('shape', 'index data is not an object');
  if (data.version !== INDEX_FORMAT_VERSION) {
    throw new IndexLoadError('version', `unsupported index version ${String(data.version)}`);
  }
  if (data.paperCount !== papers.length || data.fingerprint !== datasetFingerprint(papers)) {
    throw new IndexLoadError('dataset', 'index was built for different papers');
  }
  const { vocab, offsets, ords, codes, idf, norms } = data;
  if (
    typeof vocab !== 'string' ||
    !(offsets instanceof Uint32Array) ||
    !(ords instanceof Uint32Array) ||
    !(codes instanceof Uint8Array) ||
    !(idf instanceof Float32Array) ||
    !(norms instanceof Float32Array)
  ) {
    throw new IndexLoadError('shape', 'vocab/offsets/ords/codes/idf/norms missing or of the wrong type');
  }
  const terms = vocab === '' ? [] : vocab.split('\n');
  const n = papers.length;
  if (offsets.length !== terms.length + 1 || offsets[0] !== 0 || offsets[terms.length] !== ords.length) {
    throw new IndexLoadError('shape', 'offsets do not fit the vocabulary and postings');
  }
  if (codes.length !== ords.length || idf.length !== terms.length || norms.length !== n) {
    throw new IndexLoadError('shape', 'postings or statistics of the wrong length');
  }
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t] ?? '';
    if (term === '' || (t > 0 && (terms[t - 1] ?? '') >= term)) throw new IndexLoadError('shape', `vocab not sorted/unique at ${t}`);
    const start = offsets[t] ?? 0;
    const end = offsets[t + 1] ?? 0;
    if (end <= start) throw new IndexLoadError('shape', `no postings for "${term}"`);
    let prev = -1;
    for (let p = start; p < end; p++) {
      const ord = ords[p] ?? 0;
      if (ord <= prev || ord >= n) throw new IndexLoadError('shape', `bad posting for "${term}"`);
      prev = ord;
    }
  }
  return { index: new TermIndex(terms, offsets, ords, codes, n), stats: { idf, norms } };
}
