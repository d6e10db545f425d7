/**
 * The compact persisted form of the index: typed arrays (the caller stores
 * them in IndexedDB, which keeps ArrayBuffers as they are: no JSON, no
 * parsing), so a cold start only checks and wraps them. The cheap lookup maps
 * (ids, arXiv ids, authors) are rebuilt lazily from the dataset.
 *
 * Any problem loading (unknown version, bad shape, index built for other
 * papers) throws IndexLoadError: the caller then rebuilds with PaperIndex.build.
 */
import type { Author, Paper } from '../dataset/schema';
import type { AuthorGraphData } from './author-build';
import type { ContentStats } from './tf-idf';
import { arrayChecksum, decodeItem, encodeItem, narrow, stringChecksum } from './columns';
import { JoinedStrings, joinedText } from './joined-strings';
import { TermIndex } from './term-index';
import { lookupSlots } from './term-lookup';
import { postingChunksFit, type PostingChunks } from './posting-chunks';
import { authorPapersOf } from './coauthors';
import type { TitleHashes } from './title-hashes';

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

function isRecord(x: unknown): x is Record<string, unknown> {
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

/**
 * The index part of the service's snapshot (src/background/snapshot.ts): the
 * same arrays as SerializedIndex, but checked by a checksum per array instead
 * of walking every posting, and not tied to a Paper[] by fingerprints (the
 * snapshot carries its papers as columns). Cold start cost is then reading
 * the record, hashing the arrays and splitting two strings.
 */
export type IndexArrays = Omit<SerializedIndex, 'paperCount' | 'fingerprint' | 'authorsFingerprint'> &
  DerivedArrays & {
    checksums: Record<string, number>;
    /** Set when the postings are stored apart, in chunks (posts is then empty here). */
    postings?: PostingChunks;
    /** vocab and authorKeys written with encodeItem, one byte per character (storedIndexStrings). */
    escapedStrings?: true;
  };

/**
 * Lookup structures a woken worker would otherwise derive before its first
 * answer (~50 ms at 75k): the term hash table (term-lookup.ts) and each
 * author's papers (CoauthorGraph.authorPapers).
 */
export interface DerivedArrays {
  termSlots: Uint32Array;
  authorPaperOffsets: Uint32Array;
  authorPapers: Uint32Array;
  /** Ordinals by title hash (title-hashes.ts): the exact-title match. */
  titleHashes: Uint32Array;
  titleHashOrds: Uint32Array;
}

const ARRAY_KEYS = [
  'offsets', 'posts', 'idf', 'norms', 'paperAuthorOffsets', 'paperAuthors', 'initialsOrder', 'authorRecords',
  'termSlots', 'authorPaperOffsets', 'authorPapers', 'titleHashes', 'titleHashOrds',
] as const;

function indexChecksums(d: Omit<IndexArrays, 'checksums'>): Record<string, number> {
  const out: Record<string, number> = { vocab: stringChecksum(d.vocab), authorKeys: stringChecksum(d.authorKeys) };
  for (const k of ARRAY_KEYS) out[k] = arrayChecksum(d[k]);
  return out;
}

/**
 * Records made by indexArrays in this context: their checksums were just
 * computed from them, so loading the very same object (right after a build)
 * skips hashing 33 MB again. A record read back from storage is a copy, and
 * is checked.
 */
const madeHere = new WeakSet<object>();

/** The DerivedArrays of an index (built now unless already made for it). */
export function derivedArrays(index: TermIndex, graph: AuthorGraphData, titles: TitleHashes, byAuthor = authorPapersOf(graph)): DerivedArrays {
  return { termSlots: lookupSlots(index), authorPaperOffsets: byAuthor.offsets, authorPapers: byAuthor.ords, titleHashes: titles.hashes, titleHashOrds: titles.ords };
}

export function indexArrays(index: TermIndex, stats: ContentStats, graph: AuthorGraphData, derived: DerivedArrays): IndexArrays {
  const d = {
    version: INDEX_FORMAT_VERSION, vocab: joinedText(index.vocab), offsets: index.offsets, posts: index.posts, idf: stats.idf, norms: stats.norms,
    authorKeys: joinedText(graph.keys), paperAuthorOffsets: graph.paperOffsets, paperAuthors: graph.paperAuthors, initialsOrder: graph.initialsOrder, authorRecords: graph.records,
    ...derived,
  };
  const out = { ...d, checksums: indexChecksums(d) };
  madeHere.add(out);
  return out;
}

/** vocab and authorKeys as a snapshot stores them: escaped, one byte per character (columns.ts narrow). */
export function storedIndexStrings(d: IndexArrays): IndexArrays {
  if (d.escapedStrings) return d;
  const vocab = narrow(encodeItem(d.vocab));
  const authorKeys = narrow(encodeItem(d.authorKeys));
  return { ...d, vocab, authorKeys, escapedStrings: true, checksums: { ...d.checksums, vocab: stringChecksum(vocab), authorKeys: stringChecksum(authorKeys) } };
}

/** A stored word list holding `count` items, cut out when read (joined-strings.ts); else the snapshot does not fit. */
function joinedOf(text: string, count: number, what: string): JoinedStrings {
  try {
    return new JoinedStrings(text, count);
  } catch {
    throw new IndexLoadError('shape', `${what} of the wrong length`);
  }
}

/** Inverse of indexArrays for `n` papers; throws IndexLoadError on any mismatch of type, length or checksum. */
export function fromIndexArrays(data: unknown, n: number): { index: TermIndex; stats: ContentStats; graph: AuthorGraphData; derived: DerivedArrays; postings?: PostingChunks } {
  if (!isRecord(data)) throw new IndexLoadError('shape', 'index arrays missing');
  if (data.version !== INDEX_FORMAT_VERSION) throw new IndexLoadError('version', `unsupported index version ${String(data.version)}`);
  const d = data as unknown as IndexArrays;
  const types = [Uint32Array, Uint32Array, Float32Array, Float32Array, Uint32Array, Uint32Array, Uint32Array, Int32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array] as const;
  if (typeof d.vocab !== 'string' || typeof d.authorKeys !== 'string' || ARRAY_KEYS.some((k, i) => !(d[k] instanceof (types[i] as typeof Uint32Array)))) {
    throw new IndexLoadError('shape', 'index arrays of the wrong type');
  }
  // Postings stored apart: checked chunk by chunk as they are read (TermIndex.addPostings via on-demand-chunks.ts).
  const apart = d.postings !== undefined;
  if (apart && !postingChunksFit(d.postings, d.offsets)) throw new IndexLoadError('shape', 'posting chunks do not fit the offsets');
  if (!madeHere.has(d)) {
    const sums = indexChecksums(d);
    for (const [k, v] of Object.entries(sums)) {
      if (apart && k === 'posts') continue;
      if (d.checksums?.[k] !== v) throw new IndexLoadError('shape', `index ${k}: checksum mismatch`);
    }
  }
  const text = (x: string) => (d.escapedStrings ? decodeItem(x) : x);
  // Cut out term by term when read (joined-strings.ts), not split up front.
  const terms = joinedOf(text(d.vocab), d.offsets.length - 1, 'vocabulary');
  const keys = joinedOf(text(d.authorKeys), d.authorRecords.length, 'author graph');
  const { offsets, idf, norms, paperAuthorOffsets: po, paperAuthors: pa } = d;
  // Room for every posting (untouched pages cost no memory until a chunk is written there).
  const posts = d.postings ? new Uint32Array(d.postings.total) : d.posts;
  if (offsets.length !== terms.length + 1 || offsets[terms.length] !== posts.length || idf.length !== terms.length || norms.length !== n) {
    throw new IndexLoadError('shape', 'postings or statistics of the wrong length');
  }
  if (po.length !== n + 1 || po[n] !== pa.length || d.authorRecords.length !== keys.length) throw new IndexLoadError('shape', 'author graph of the wrong length');
  const parts = d.postings ? { firstTerm: d.postings.firstTerm, loaded: new Uint8Array(d.postings.firstTerm.length - 1), missing: new Set<number>() } : undefined;
  return {
    index: new TermIndex(terms, offsets, posts, n, parts),
    stats: { idf, norms },
    graph: { keys, paperOffsets: po, paperAuthors: pa, initialsOrder: d.initialsOrder, records: d.authorRecords },
    derived: { termSlots: d.termSlots, authorPaperOffsets: d.authorPaperOffsets, authorPapers: d.authorPapers, titleHashes: d.titleHashes, titleHashOrds: d.titleHashOrds },
    ...(d.postings ? { postings: d.postings } : {}),
  };
}
