/**
 * The inverted index: term -> postings of paper ordinals, in typed arrays.
 *
 * `vocab` is sorted (code-unit order), so the terms starting with a prefix are
 * one contiguous id range. Postings live in two flat arrays shared by all
 * terms (CSR layout): term `t` owns positions `offsets[t] .. offsets[t+1]` of
 * `ords` (paper ordinals, ascending) and `codes` (one byte per posting: which
 * fields the term occurs in and how often, see encodePosting).
 */
import type { Paper } from '../dataset/schema';
import { authorTerms, terms } from './tokenize';

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

/** A Uint32Array/Uint8Array that doubles when full (build only). */
class Grow<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
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

  /**
   * Two passes: tokenize every paper once into a stream of (term, code) per
   * paper, then scatter the stream into the per-term posting ranges.
   */
  static build(papers: readonly Paper[]): TermIndex {
    const ids = new Map<string, number>();
    const names: string[] = [];
    const df: number[] = [];
    const streamTerms = new Grow(new Uint32Array(Math.max(1024, papers.length * 64)), (n) => new Uint32Array(n));
    const streamCodes = new Grow(new Uint8Array(Math.max(1024, papers.length * 64)), (n) => new Uint8Array(n));
    const docEnd = new Uint32Array(papers.length);
    const counts = new Map<string, number>(); // title + 64 * abstract + 2^20 * inAuthors
    papers.forEach((paper, ord) => {
      counts.clear();
      for (const t of terms(paper.title)) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of terms(paper.abstract)) counts.set(t, (counts.get(t) ?? 0) + 64);
      for (const name of paper.authors)
        for (const t of authorTerms(name)) {
          const c = counts.get(t) ?? 0;
          if (c < 1 << 20) counts.set(t, c + (1 << 20));
        }
      for (const [t, c] of counts) {
        let id = ids.get(t);
        if (id === undefined) {
          id = names.length;
          ids.set(t, id);
          names.push(t);
          df.push(0);
        }
        df[id] = (df[id] ?? 0) + 1;
        streamTerms.push(id);
        streamCodes.push(encodePosting(c & 63, (c >> 6) & 0x3fff, c >= 1 << 20));
      }
      docEnd[ord] = streamTerms.length;
    });
    // Sorted vocabulary and the old id -> sorted id map.
    const order = names.map((_, i) => i).sort((a, b) => compareTerms(names[a] ?? '', names[b] ?? ''));
    const remap = new Uint32Array(names.length);
    const offsets = new Uint32Array(names.length + 1);
    order.forEach((old, i) => {
      remap[old] = i;
      offsets[i + 1] = (offsets[i] ?? 0) + (df[old] ?? 0);
    });
    const total = streamTerms.length;
    const ords = new Uint32Array(total);
    const codes = new Uint8Array(total);
    const cursor = offsets.slice(0, names.length);
    let p = 0;
    for (let ord = 0; ord < papers.length; ord++) {
      const end = docEnd[ord] ?? 0;
      for (; p < end; p++) {
        const t = remap[streamTerms.data[p] ?? 0] ?? 0;
        const at = cursor[t] ?? 0;
        cursor[t] = at + 1;
        ords[at] = ord;
        codes[at] = streamCodes.data[p] ?? 0;
      }
    }
    return new TermIndex(order.map((i) => names[i] ?? ''), offsets, ords, codes, papers.length);
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
