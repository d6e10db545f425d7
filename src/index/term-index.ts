/**
 * The inverted index: term -> postings of paper ordinals, in typed arrays.
 *
 * `vocab` is sorted (code-unit order), so the terms starting with a prefix are
 * one contiguous id range. Postings live in one flat array shared by all
 * terms (CSR layout): term `t` owns positions `offsets[t] .. offsets[t+1]` of
 * `posts`, each `ord * 256 + code`: the paper ordinal (ascending within a
 * term, so the packed values are too) above one byte of which fields the term
 * occurs in and how often (encodePosting). 4 bytes a posting instead of 5 in
 * two arrays: 118 MB less at 1M papers, and one load per posting walked.
 * Ordinals must stay below 2^24 (16.7M papers).
 */
import type { StringList } from './joined-strings';

/** Papers an index can hold: an ordinal has 24 bits of a packed posting. */
export const MAX_PAPERS = 1 << 24;
/** The paper ordinal of a packed posting. */
export const postOrd = (post: number): number => post >>> 8;
/** The code byte of a packed posting (see encodePosting). */
export const postCode = (post: number): number => post & 255;

/** First position in posts[lo, hi) (one term's postings, ascending) whose paper ordinal is >= v. */
export function lowerBoundOrd(posts: Uint32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((posts[mid] ?? 0) >>> 8 < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Packs a builder's ordinals and codes into one array, in place in `ords`
 * (no second 4-byte array at 1M papers' scale).
 */
export function packPostings(ords: Uint32Array, codes: Uint8Array): Uint32Array {
  for (let p = 0; p < ords.length; p++) {
    const ord = ords[p] ?? 0;
    if (ord >= MAX_PAPERS) throw new RangeError(`paper ordinal ${ord} does not fit a posting (at most ${MAX_PAPERS} papers)`);
    ords[p] = ord * 256 + (codes[p] ?? 0);
  }
  return ords;
}
/**
 * One byte per (term, paper): bit 0 = in authors, bits 1-2 = title count
 * (capped at 3), bits 3-7 = abstract count (capped at 31). Counts only feed a
 * log, so the caps change nothing that matters.
 */
export function encodePosting(titleTf: number, abstractTf: number, inAuthors: boolean): number {
  return (inAuthors ? 1 : 0) | (Math.min(titleTf, 3) << 1) | (Math.min(abstractTf, 31) << 3);
}
export const postingInAuthors = (code: number): boolean => (code & 1) === 1;
export const postingTitleTf = (code: number): number => (code >> 1) & 3;
export const postingAbstractTf = (code: number): number => code >> 3;

/** Code-unit order, the order prefix ranges rely on. */
export function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Postings kept in chunks of consecutive terms (a snapshot read back, see
 * PostingChunks in posting-chunks.ts): chunk c holds terms firstTerm[c] ..
 * firstTerm[c + 1] - 1. A woken worker reads only the chunks its first
 * answers walk, instead of every posting (42 MB at 75k, 590 MB at 1M).
 */
export interface PostingParts {
  firstTerm: Uint32Array;
  loaded: Uint8Array;
  /** Chunks asked for (ready) but not loaded, until takeMissing. */
  missing: Set<number>;
}

export class TermIndex {
  constructor(
    readonly vocab: StringList,
    /** Length vocab.length + 1; postings of term t are [offsets[t], offsets[t+1]). */
    readonly offsets: Uint32Array,
    /** Packed postings, `ord * 256 + code` (see the top of this file). */
    readonly posts: Uint32Array,
    readonly docCount: number,
    /** Set when the postings arrive chunk by chunk (addPostings); absent: all in memory. */
    private parts?: PostingParts,
  ) {}

  /**
   * Whether term t's postings are in memory; if not, its chunk is noted as
   * missing (takeMissingPostings). Everything that walks postings asks
   * first, and the service answers again once the missing chunks are read,
   * so no answer is made from postings not yet loaded.
   */
  ready(t: number): boolean {
    const parts = this.parts;
    if (!parts) return true;
    const c = this.chunkOf(t);
    if (parts.loaded[c] === 1) return true;
    parts.missing.add(c);
    return false;
  }

  /** ready() for several terms; every missing chunk is noted, not only the first. */
  allReady(ids: Iterable<number>): boolean {
    if (!this.parts) return true;
    let ok = true;
    for (const t of ids) if (!this.ready(t)) ok = false;
    return ok;
  }

  /** Chunk of term t (binary search over the chunks' first terms). */
  chunkOf(t: number): number {
    const first = this.parts?.firstTerm;
    if (!first) return 0;
    let lo = 0;
    let hi = first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((first[mid] ?? 0) <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Whether some chunk was asked for (ready) and not loaded since the last takeMissingPostings. */
  get missesChunks(): boolean {
    return (this.parts?.missing.size ?? 0) > 0;
  }

  /** Chunks asked for since the last call and not loaded, ascending. */
  takeMissingPostings(): number[] {
    const parts = this.parts;
    if (!parts || parts.missing.size === 0) return [];
    const out = [...parts.missing].sort((a, b) => a - b);
    parts.missing.clear();
    return out;
  }

  /** Chunks not loaded yet (for reading them in the background). */
  unloadedChunks(): number[] {
    const parts = this.parts;
    if (!parts) return [];
    const out: number[] = [];
    for (let c = 0; c + 1 < parts.firstTerm.length; c++) if (parts.loaded[c] !== 1) out.push(c);
    return out;
  }

  /** Where chunk c's postings go in posts. */
  chunkRange(c: number): [number, number] {
    const first = this.parts?.firstTerm;
    if (!first) return [0, this.posts.length];
    return [this.offsets[first[c] ?? 0] ?? 0, this.offsets[first[c + 1] ?? 0] ?? 0];
  }

  /** Puts chunk c's postings in place; false (nothing changed) when they do not fit it. */
  addPostings(c: number, posts: Uint32Array): boolean {
    const parts = this.parts;
    if (!parts || !(c >= 0 && c + 1 < parts.firstTerm.length)) return false;
    const [begin, end] = this.chunkRange(c);
    if (posts.length !== end - begin) return false;
    this.posts.set(posts, begin);
    parts.loaded[c] = 1;
    parts.missing.delete(c);
    return true;
  }

  get termCount(): number {
    return this.vocab.length;
  }

  /** First term id whose term is >= s. */
  lowerBound(s: string): number {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.vocab.at(mid) ?? '') < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  termId(term: string): number | undefined {
    const i = this.lowerBound(term);
    return this.vocab.at(i) === term ? i : undefined;
  }

  /** Ids [lo, hi) of the terms starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const lo = this.lowerBound(prefix);
    // Every term with the prefix sorts before prefix + U+FFFF.
    const hi = this.lowerBound(`${prefix}\uffff`);
    return [lo, Math.max(lo, hi)];
  }

  /** Ids of all terms starting with `prefix`, in vocabulary order. */
  prefixIds(prefix: string): number[] {
    const [lo, hi] = this.prefixRange(prefix);
    return Array.from({ length: hi - lo }, (_, i) => lo + i);
  }

  /** Number of papers containing the term in any field. */
  df(termId: number): number {
    return (this.offsets[termId + 1] ?? 0) - (this.offsets[termId] ?? 0);
  }

  /** Total postings of the terms [lo, hi): the cost of scanning them. */
  rangeCost(lo: number, hi: number): number {
    return (this.offsets[hi] ?? 0) - (this.offsets[lo] ?? 0);
  }

  idf(termId: number): number {
    const df = this.df(termId);
    return df === 0 ? 0 : Math.log(1 + this.docCount / df);
  }

  /** Whether paper `ord` has term `termId` (binary search in the postings); false while its chunk is not loaded. */
  has(termId: number, ord: number): boolean {
    if (this.parts && !this.ready(termId)) return false;
    let lo = this.offsets[termId] ?? 0;
    let hi = this.offsets[termId + 1] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = (this.posts[mid] ?? 0) >>> 8;
      if (v === ord) return true;
      if (v < ord) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }
}
