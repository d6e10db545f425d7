/**
 * The compact persisted form of the index: typed arrays (the caller stores
 * them in IndexedDB, which keeps ArrayBuffers as they are: no JSON, no
 * parsing), so a cold start only checks and wraps them. The cheap lookup maps
 * (ids, arXiv ids, authors) are rebuilt lazily from the dataset.
 *
 * Any problem loading (unknown version, bad shape, index built for other
 * papers) throws IndexLoadError: the caller then rebuilds with PaperIndex.build.
 * The background's snapshot keeps the same arrays checked another way
 * (index-arrays.ts).
 */
import type { Author, Paper } from '../dataset/schema';
import type { AuthorGraphData } from './author-build';
import type { ContentStats } from './tf-idf';
import { joinedText } from './joined-strings';
import { TermIndex } from './term-index';

/** 1: JSON arrays; 2: typed arrays; 3: + the author graph; 4: sampled checksums of large arrays, + DerivedArrays in snapshots (this file); 5: + title hashes, postings packed in one array. */
export const INDEX_FORMAT_VERSION = 5;

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
  /** Packed postings, ord * 256 + code, ascending within each term (term-index.ts). */
  posts: Uint32Array;
  /** Related-papers statistics: content idf per term, vector norm per paper. */
  idf: Float32Array;
  norms: Float32Array;
  /** authorsFingerprint() of the Author records the graph points into. */
  authorsFingerprint: string;
  /** The author graph (see author-build.ts): sorted node keys joined by "\n". */
  authorKeys: string;
  paperAuthorOffsets: Uint32Array;
  paperAuthors: Uint32Array;
  initialsOrder: Uint32Array;
  authorRecords: Int32Array;
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

/** FNV-1a over the Author records' ids and names, in order. */
export function authorsFingerprint(authors: readonly Pick<Author, 'id' | 'name'>[]): string {
  let h = 0x811c9dc5;
  for (const a of authors) {
    for (const s of [a.id, a.name]) {
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ 0x1f, 0x01000193);
    }
  }
  return `${authors.length}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

export function serializeIndex(
  index: TermIndex,
  stats: ContentStats,
  graph: AuthorGraphData,
  dataset: { papers: readonly Paper[]; authors: readonly Author[] },
): SerializedIndex {
  const { papers } = dataset;
  return {
    version: INDEX_FORMAT_VERSION,
    paperCount: papers.length,
    fingerprint: datasetFingerprint(papers),
    vocab: joinedText(index.vocab),
    offsets: index.offsets,
    posts: index.posts,
    idf: stats.idf,
    norms: stats.norms,
    authorsFingerprint: authorsFingerprint(dataset.authors),
    authorKeys: joinedText(graph.keys),
    paperAuthorOffsets: graph.paperOffsets,
    paperAuthors: graph.paperAuthors,
    initialsOrder: graph.initialsOrder,
    authorRecords: graph.records,
  };
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Inverse of serializeTermIndex; throws IndexLoadError instead of loading a wrong index. */
export function deserializeIndex(
  data: unknown,
  dataset: { papers: readonly Paper[]; authors: readonly Author[] },
): { index: TermIndex; stats: ContentStats; graph: AuthorGraphData } {
  const { papers } = dataset;
  if (!isRecord(data)) throw new IndexLoadError('shape', 'index data is not an object');
  if (data.version !== INDEX_FORMAT_VERSION) {
    throw new IndexLoadError('version', `unsupported index version ${String(data.version)}`);
  }
  if (data.paperCount !== papers.length || data.fingerprint !== datasetFingerprint(papers)) {
    throw new IndexLoadError('dataset', 'index was built for different papers');
  }
  if (data.authorsFingerprint !== authorsFingerprint(dataset.authors)) {
    throw new IndexLoadError('dataset', 'index was built for different author records');
  }
  const { vocab, offsets, posts, idf, norms } = data;
  if (
    typeof vocab !== 'string' ||
    !(offsets instanceof Uint32Array) ||
    !(posts instanceof Uint32Array) ||
    !(idf instanceof Float32Array) ||
    !(norms instanceof Float32Array)
  ) {
    throw new IndexLoadError('shape', 'vocab/offsets/posts/idf/norms missing or of the wrong type');
  }
  const terms = vocab === '' ? [] : vocab.split('\n');
  const n = papers.length;
  if (offsets.length !== terms.length + 1 || offsets[0] !== 0 || offsets[terms.length] !== posts.length) {
    throw new IndexLoadError('shape', 'offsets do not fit the vocabulary and postings');
  }
  if (idf.length !== terms.length || norms.length !== n) {
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
      const ord = (posts[p] ?? 0) >>> 8;
      if (ord <= prev || ord >= n) throw new IndexLoadError('shape', `bad posting for "${term}"`);
      prev = ord;
    }
  }
  return { index: new TermIndex(terms, offsets, posts, n), stats: { idf, norms }, graph: graphOf(data, n, dataset.authors.length) };
}

function graphOf(data: Record<string, unknown>, n: number, authorCount: number): AuthorGraphData {
  const { authorKeys, paperAuthorOffsets: po, paperAuthors: pa, initialsOrder: io, authorRecords: rec } = data;
  if (
    typeof authorKeys !== 'string' ||
    !(po instanceof Uint32Array) ||
    !(pa instanceof Uint32Array) ||
    !(io instanceof Uint32Array) ||
    !(rec instanceof Int32Array)
  ) {
    throw new IndexLoadError('shape', 'author graph missing or of the wrong type');
  }
  const keys = authorKeys === '' ? [] : authorKeys.split('\n');
  for (let i = 0; i < keys.length; i++) {
    if ((keys[i] ?? '') === '' || (i > 0 && (keys[i - 1] ?? '') >= (keys[i] ?? ''))) throw new IndexLoadError('shape', `author keys not sorted/unique at ${i}`);
  }
  if (po.length !== n + 1 || po[0] !== 0 || po[n] !== pa.length || rec.length !== keys.length) {
    throw new IndexLoadError('shape', 'author graph of the wrong length');
  }
  for (let i = 0; i < n; i++) if ((po[i] ?? 0) > (po[i + 1] ?? 0)) throw new IndexLoadError('shape', 'author offsets not ascending');
  const inRange = (xs: Uint32Array) => xs.every((x) => x < keys.length);
  if (!inRange(pa) || !inRange(io) || !rec.every((r) => r >= -1 && r < authorCount)) {
    throw new IndexLoadError('shape', 'author graph out of range');
  }
  return { keys, paperOffsets: po, paperAuthors: pa, initialsOrder: io, records: rec };
}
