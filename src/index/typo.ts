/**
 * Typo tolerance: the strings within one edit (delete, insert, substitute,
 * swap two neighbours) of a token. Inserted/substituted characters come from
 * a-z, 0-9 and the token's own characters (index terms are normalized, so
 * that covers nearly every term; a term in another script is only reached by
 * deletes and swaps).
 */
import type { TermIndex } from './term-index';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Tokens shorter than this get no typo tolerance ("grpah" yes, "rnn" no). */
export const TYPO_MIN_LENGTH = 5;

/** Every string at edit distance exactly <= 1 from `s` (without `s` itself). */
export function editVariants(s: string): Set<string> {
  const chars = [...new Set(ALPHABET + s)];
  const out = new Set<string>();
  for (let i = 0; i <= s.length; i++) {
    const head = s.slice(0, i);
    const tail = s.slice(i);
    for (const c of chars) out.add(head + c + tail);
    if (i < s.length) {
      const rest = s.slice(i + 1);
      out.add(head + rest);
      for (const c of chars) out.add(head + c + rest);
      if (i + 1 < s.length) out.add(head + (s[i + 1] ?? '') + (s[i] ?? '') + s.slice(i + 2));
    }
  }
  out.delete(s);
  return out;
}

/**
 * Optimal-string-alignment distance (edits + adjacent swaps), stopped early
 * once it exceeds `max`. The reference for the tests.
 */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    prev2.splice(0, prev2.length, ...prev);
    prev = cur;
    if (rowMin > max) return max + 1;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * Term ids one edit away from `token` (for a prefix token: terms starting with
 * a string one edit away), excluding ids in [skipLo, skipHi). Sorted.
 */
export function typoTermIds(index: TermIndex, token: string, prefix: boolean, skipLo = 0, skipHi = 0): number[] {
  const ids = new Set<number>();
  for (const v of editVariants(token)) {
    if (v === '') continue;
    if (prefix) {
      const [lo, hi] = index.prefixRange(v);
      for (let id = lo; id < hi; id++) if (id < skipLo || id >= skipHi) ids.add(id);
    } else {
      const id = index.termId(v);
      if (id !== undefined && (id < skipLo || id >= skipHi)) ids.add(id);
    }
  }
  return [...ids].sort((a, b) => a - b);
}
