/**
 * The index's arrays as the background's snapshot stores them
 * (src/background/snapshot.ts), with the lookup structures derived at build
 * time and a checksum per array. Apart from serialize.ts, whose form is tied
 * to a Paper[] by fingerprints and checked posting by posting; this one
 * carries its papers as columns and is what a woken worker checks.
 */
import type { AuthorGraphData } from './author-build';
import type { ContentStats } from './tf-idf';
import { arrayChecksum, decodeItem, encodeItem, narrow, stringChecksum } from './columns';
import { JoinedStrings, joinedText } from './joined-strings';
import { TermIndex } from './term-index';
import { lookupSlots } from './term-lookup';
import { postingChunksFit, type PostingChunks } from './posting-chunks';
import { authorPapersOf } from './coauthors';
import type { TitleHashes } from './title-hashes';
import { INDEX_FORMAT_VERSION, IndexLoadError, isRecord, type SerializedIndex } from './serialize';

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
