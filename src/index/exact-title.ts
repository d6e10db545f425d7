/**
 * The exact-title step of matching (match.ts): the papers whose normalized
 * title equals a page's, found through the postings of the title's rarest
 * terms, with no title map. See README "Match".
 */
import type { Paper } from '../dataset/schema';
import { isPlainAscii, normalizeTitle } from './normalize';
import { encodePosting, type TermIndex } from './term-index';
import { termLookup } from './term-lookup';
import { isStopword, terms } from './tokenize';

/** First position in ords[lo, hi) holding a value >= v. */
export function lowerBoundOrd(ords: Uint32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ords[mid] ?? 0) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * normalizeTitle(title) === key without building the normalized title, for
 * a plain-ASCII title (isPlainAscii: normalizeTitle then only lower-cases and
 * turns each run of non-[a-z0-9] into one space, trimmed); else normalizes.
 */
export function hasTitleKey(title: string, key: string): boolean {
  if (!isPlainAscii(title)) return normalizeTitle(title) === key;
  let k = 0;
  let gap = false;
  for (let i = 0; i < title.length; i++) {
    let c = title.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && k > 0 && key.charCodeAt(k++) !== 32) return false;
      if (key.charCodeAt(k++) !== c) return false;
      gap = false;
    } else gap = true;
  }
  return k === key.length;
}

/**
 * The distinct content terms of a normalized title key, as terms(key) gives
 * them: a plain-ASCII key is words joined by single spaces, so a split does
 * what tokenize would (same keep rule: 2+ characters or one digit).
 */
export function keyTerms(key: string): string[] {
  if (!isPlainAscii(key)) return [...new Set(terms(key))];
  const out: string[] = [];
  for (const t of key.split(' ')) {
    if ((t.length > 1 || (t >= '0' && t <= '9')) && !isStopword(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

/** The posting code bits of the title count (postingTitleTf(code) > 0 iff code & TITLE_BITS). */
const TITLE_BITS = encodePosting(3, 0, false);

/**
 * Papers (ascending) with term `rarest` in their title, and `second` and
 * `third` too (-1: none), by moving binary searches in their sorted
 * postings. Plain loops over local typed arrays, the terms as scalars: the
 * first pages after a start run this unoptimized, where each property load
 * and call counts (and an array of the terms made TurboFan deoptimize on
 * its map, empty vs filled).
 */
function titleIntersection(index: TermIndex, rarest: number, second: number, third: number): number[] {
  const { offsets, ords, codes } = index;
  const end2 = second < 0 ? 0 : (offsets[second + 1] ?? 0);
  const end3 = third < 0 ? 0 : (offsets[third + 1] ?? 0);
  let at2 = second < 0 ? 0 : (offsets[second] ?? 0);
  let at3 = third < 0 ? 0 : (offsets[third] ?? 0);
  const out: number[] = [];
  const end = offsets[rarest + 1] ?? 0;
  for (let p = offsets[rarest] ?? 0; p < end; p++) {
    if (((codes[p] ?? 0) & TITLE_BITS) === 0) continue;
    const ord = ords[p] ?? 0;
    if (second >= 0) {
      at2 = lowerBoundOrd(ords, at2, end2, ord);
      if (at2 >= end2 || ords[at2] !== ord || ((codes[at2] ?? 0) & TITLE_BITS) === 0) continue;
    }
    if (third >= 0) {
      at3 = lowerBoundOrd(ords, at3, end3, ord);
      if (at3 >= end3 || ords[at3] !== ord || ((codes[at3] ?? 0) & TITLE_BITS) === 0) continue;
    }
    out.push(ord);
  }
  return out;
}

/** Past this many lookups, stop once a term is in at most this many papers (any field). */
const EXACT_LOOKUPS = 3;
const EXACT_RARE_ENOUGH = 200;

/**
 * Ordinals (ascending) of the papers whose normalized title is `key`, found
 * through the postings of the key's rarest title term, kept only where the
 * next two rarest terms are in the title too (sorted postings, so a moving
 * binary search), before any title is compared: no title map. `key` is a
 * normalizeTitle result (keyTerms splits it on its spaces). undefined when
 * the key has no content term (the caller scans instead).
 */
export function exactTitleOrds(index: TermIndex, papers: readonly Paper[], key: string): number[] | undefined {
  const unique = keyTerms(key);
  if (unique.length === 0) return undefined;
  // Long words are usually the rare ones: look them up first, the rest only
  // while every term found is common. Any title term gives the same answer;
  // only the cost of the walk differs.
  unique.sort((a, b) => b.length - a.length);
  const lookup = termLookup(index);
  const ids: number[] = [];
  let rarestDf = Infinity;
  for (let i = 0; i < unique.length; i++) {
    if (i >= EXACT_LOOKUPS && rarestDf <= EXACT_RARE_ENOUGH) break;
    const id = lookup(unique[i] ?? '');
    if (id === undefined) return [];
    ids.push(id);
    rarestDf = Math.min(rarestDf, index.df(id));
  }
  ids.sort((a, b) => index.df(a) - index.df(b));
  // Postings not read yet (a woken worker): noted; the caller's answer is made again once they are.
  const r0 = index.ready(ids[0] ?? 0);
  const r1 = ids.length < 2 || index.ready(ids[1] ?? 0);
  const r2 = ids.length < 3 || index.ready(ids[2] ?? 0);
  if (!(r0 && r1 && r2)) return [];
  const out: number[] = [];
  for (const ord of titleIntersection(index, ids[0] ?? 0, ids[1] ?? -1, ids[2] ?? -1)) {
    const paper = papers[ord];
    if (paper && hasTitleKey(paper.title, key)) out.push(ord);
  }
  return out;
}
