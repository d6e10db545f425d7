/**
 * Faster term -> id for the matcher: TermIndex.termId is a binary search over
 * the whole sorted vocabulary, ~18 probes, each a likely cache miss when a
 * page is matched once. This table gives the id range of the terms sharing
 * the first three characters (each a-z, 0-9 or "other"), so a lookup probes
 * a few terms instead. Built lazily once per TermIndex (one pass over the
 * vocabulary, 220 KB); pure, no browser API.
 */
import type { TermIndex } from './term-index';

/**
 * A slot per character, non-decreasing with the code unit, so bucket keys
 * never decrease along the sorted vocabulary: end of term (0) < chars below
 * "0" < each digit < chars between "9" and "a" < each letter < chars above
 * "z" (accented and other scripts, rare in normalized terms, share one slot).
 */
function slot(c: number): number {
  if (Number.isNaN(c)) return 0;
  if (c < 48) return 1;
  if (c <= 57) return 2 + (c - 48); // 2..11
  if (c < 97) return 12;
  if (c <= 122) return 13 + (c - 97); // 13..38
  return 39;
}
const WIDTH = 40;

function bucket(term: string): number {
  return (slot(term.charCodeAt(0)) * WIDTH + slot(term.charCodeAt(1))) * WIDTH + slot(term.charCodeAt(2));
}

const tables = new WeakMap<TermIndex, Uint32Array>();

/** starts[b] = first term id whose bucket is >= b; length WIDTH^3 + 1. */
function table(index: TermIndex): Uint32Array {
  let starts = tables.get(index);
  if (starts) return starts;
  const n = index.vocab.length;
  starts = new Uint32Array(WIDTH ** 3 + 1);
  let b = 0;
  for (let id = 0; id < n; id++) {
    const k = bucket(index.vocab[id] ?? '');
    while (b <= k) starts[b++] = id;
  }
  while (b < starts.length) starts[b++] = n;
  tables.set(index, starts);
  return starts;
}

/** Same answer as index.termId(term), with a few probes. */
export function lookupTerm(index: TermIndex, term: string): number | undefined {
  const starts = table(index);
  const k = bucket(term);
  let lo = starts[k] ?? 0;
  let hi = starts[k + 1] ?? 0;
  const vocab = index.vocab;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((vocab[mid] ?? '') < term) lo = mid + 1;
    else hi = mid;
  }
  return lo < (starts[k + 1] ?? 0) && vocab[lo] === term ? lo : undefined;
}
