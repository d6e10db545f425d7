/**
 * The inverted index: term -> postings of paper ordinals, in typed arrays.
 *
 * `vocab` is sorted (code-unit order), so the terms starting with a prefix are
 * one contiguous id range. Postings live in two flat arrays shared by all
 * terms (CSR layout): term `t` owns positions `offsets[t] .. offsets[t+1]` of
 * `ords` (paper ordinals, ascending) and `codes` (one byte per posting: which
 * fields the term occurs in and how often, see encodePosting).
 */
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

export class TermIndex {
  constructor(
    readonly vocab: readonly string[],
    /** Length vocab.length + 1; postings of term t are [offsets[t], offsets[t+1]). */
    readonly offsets: Uint32Array,
    readonly ords: Uint32Array,
    readonly codes: Uint8Array,
    readonly docCount: number,
  ) {}

  get termCount(): number {
    return this.vocab.length;
  }

  /** First term id whose term is >= s. */
  lowerBound(s: string): number {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.vocab[mid] ?? '') < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  termId(term: string): number | undefined {
    const i = this.lowerBound(term);
    return this.vocab[i] === term ? i : undefined;
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

  /** Whether paper `ord` has term `termId` (binary search in the postings). */
  has(termId: number, ord: number): boolean {
    let lo = this.offsets[termId] ?? 0;
    let hi = this.offsets[termId + 1] ?? 0;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ords[mid] ?? 0;
      if (v === ord) return true;
      if (v < ord) lo = mid + 1;
      else hi = mid;
    }
    return false;
  }
}
