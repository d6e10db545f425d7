/**
 * The snapshot's postings stored apart from its record, in chunks of
 * consecutive terms (records 'postings:<key>:<n>', see storage/db.ts), so a
 * woken worker reads only those its answers walk (TermIndex.ready /
 * addPostings, and the service's answer loop). Pure: no browser API.
 */
import { arrayChecksum } from './columns';
import type { IndexArrays } from './index-arrays';

/**
 * Postings stored beside the index record in chunks of consecutive terms
 * (records 'postings:<key>:<c>', each a PostingChunk), read as answers need
 * them (TermIndex.ready / addPostings).
 */
export interface PostingChunks {
  key: string;
  /** Chunk c holds terms firstTerm[c] .. firstTerm[c + 1] - 1; the last entry is the term count. */
  firstTerm: Uint32Array;
  /** postingChunkChecksum of each chunk, checked as it is read. */
  checksums: Uint32Array;
  /** Postings in all (the length of posts once every chunk is read). */
  total: number;
}

/** One stored chunk: the packed postings (term-index.ts) of its terms. */
export interface PostingChunk {
  posts: Uint32Array;
}

/** Chunks a snapshot's postings are stored in (fewer when there are few postings). */
const POSTING_CHUNKS = 1024;
const MIN_CHUNK_POSTINGS = 4096;

/** Chunk boundaries over the terms: about POSTING_CHUNKS chunks of similar posting counts (a term is never split). */
export function postingChunkBounds(offsets: Uint32Array, minPostings = MIN_CHUNK_POSTINGS): Uint32Array {
  const terms = offsets.length - 1;
  if (terms <= 0) return Uint32Array.of(0); // no terms, no chunks
  const total = offsets[terms] ?? 0;
  const size = Math.max(minPostings, Math.ceil(total / POSTING_CHUNKS));
  const first = [0];
  let start = 0;
  for (let t = 0; t < terms; t++) {
    if ((offsets[t + 1] ?? 0) - start >= size && t + 1 < terms) {
      first.push(t + 1);
      start = offsets[t + 1] ?? 0;
    }
  }
  first.push(terms);
  return Uint32Array.from(first);
}

/** Of a chunk's packed postings: the same for a view into the whole array as for the chunk read back. */
export function postingChunkChecksum(posts: Uint32Array): number {
  return arrayChecksum(posts);
}

/** Whether `p` describes chunks of postings for these offsets. */
export function postingChunksFit(p: unknown, offsets: Uint32Array): p is PostingChunks {
  if (typeof p !== 'object' || p === null) return false;
  const { key, firstTerm, checksums, total } = p as Partial<PostingChunks>;
  const terms = offsets.length - 1;
  if (typeof key !== 'string' || !(firstTerm instanceof Uint32Array) || !(checksums instanceof Uint32Array) || total !== offsets[terms]) return false;
  if (firstTerm.length < 1 || firstTerm[0] !== 0 || firstTerm[firstTerm.length - 1] !== terms || checksums.length !== firstTerm.length - 1) return false;
  for (let c = 0; c + 1 < firstTerm.length; c++) if ((firstTerm[c] ?? 0) >= (firstTerm[c + 1] ?? 0)) return false;
  return true;
}

/**
 * indexArrays with the postings taken out, as the snapshot is stored: the
 * record, and each chunk's postings (copied when asked for, so a write can
 * clone them one at a time).
 */
export function withPostingsApart(
  d: IndexArrays,
  key: string,
  /** Smallest chunk, in postings (tests make many small ones). */
  minPostings?: number,
): { arrays: IndexArrays; chunk: (c: number) => PostingChunk; count: number } {
  const firstTerm = postingChunkBounds(d.offsets, minPostings);
  const count = firstTerm.length - 1;
  const range = (c: number): [number, number] => [d.offsets[firstTerm[c] ?? 0] ?? 0, d.offsets[firstTerm[c + 1] ?? 0] ?? 0];
  const checksums = new Uint32Array(count);
  for (let c = 0; c < count; c++) {
    const [b, e] = range(c);
    checksums[c] = postingChunkChecksum(d.posts.subarray(b, e));
  }
  const arrays: IndexArrays = { ...d, posts: new Uint32Array(0), postings: { key, firstTerm, checksums, total: d.posts.length } };
  const chunk = (c: number): PostingChunk => {
    const [b, e] = range(c);
    return { posts: d.posts.slice(b, e) };
  };
  return { arrays, chunk, count };
}

