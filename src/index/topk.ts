/**
 * Top-k selection with a binary min-heap: O(n log k) instead of sorting every
 * candidate. `better(a, b) > 0` when a ranks above b.
 */
import type { Paper } from '../dataset/schema';

export class TopK {
  private readonly heap: number[] = [];

  constructor(
    private readonly k: number,
    private readonly better: (a: number, b: number) => number,
  ) {}

  push(x: number): void {
    const h = this.heap;
    if (this.k <= 0) return;
    if (h.length < this.k) {
      h.push(x);
      let i = h.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.better(h[parent] ?? 0, h[i] ?? 0) <= 0) break;
        [h[parent], h[i]] = [h[i] ?? 0, h[parent] ?? 0];
        i = parent;
      }
      return;
    }
    if (this.better(x, h[0] ?? 0) <= 0) return;
    h[0] = x;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.better(h[m] ?? 0, h[l] ?? 0) > 0) m = l;
      if (r < h.length && this.better(h[m] ?? 0, h[r] ?? 0) > 0) m = r;
      if (m === i) break;
      [h[m], h[i]] = [h[i] ?? 0, h[m] ?? 0];
      i = m;
    }
  }

  get size(): number {
    return this.heap.length;
  }

  /** The item a better one would replace once k are kept; undefined before. */
  get worst(): number | undefined {
    return this.heap.length === this.k && this.k > 0 ? this.heap[0] : undefined;
  }

  /** Best first. */
  sorted(): number[] {
    return [...this.heap].sort((a, b) => this.better(b, a));
  }
}

/** Newer first; equal dates by dataset order. */
export function byDateDesc(papers: readonly Paper[], a: number, b: number): number {
  const da = papers[a]?.date ?? '';
  const db = papers[b]?.date ?? '';
  return da < db ? 1 : da > db ? -1 : a - b;
}

/** "YYYY-MM-DD" of a dateNumber (YYYYMMDD): the inverse of dateNumber for a well-formed date. */
export function dateOfNumber(n: number): string {
  const two = (x: number) => (x < 10 ? `0${x}` : String(x));
  const year = Math.floor(n / 10000);
  return `${year < 1000 ? String(year).padStart(4, '0') : year}-${two(Math.floor(n / 100) % 100)}-${two(n % 100)}`;
}

/** "2021-03-04" -> 20210304 (0 when malformed): a date compared as a number. */
export function dateNumber(date: string): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    let n = 0;
    for (let i = 0; i < 10; i++) {
      if (i === 4 || i === 7) continue;
      const d = date.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return slowDateNumber(date);
      n = n * 10 + d;
    }
    return n;
  }
  return slowDateNumber(date);
}

function slowDateNumber(date: string): number {
  const n = Number(date.slice(0, 4) + date.slice(5, 7) + date.slice(8, 10));
  return Number.isFinite(n) ? n : 0;
}

const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Date.parse of a paper's "YYYY-MM-DD" date from its dateNumber (YYYYMMDD),
 * without parsing a string: a cold worker's first related query computed
 * Date.parse for every one of tens of thousands of candidates. Anything that
 * is not a real calendar day (or a year Date.UTC would read as 19xx) is
 * parsed from the string as before.
 */
export function dateMs(n: number, date: () => string): number {
  const y = Math.floor(n / 10000);
  const m = Math.floor(n / 100) % 100;
  const d = n % 100;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (y >= 100 && m >= 1 && m <= 12 && d >= 1 && d <= (MONTH_DAYS[m - 1] ?? 0) && (m !== 2 || d < 29 || leap)) return Date.UTC(y, m - 1, d);
  return Date.parse(date());
}
