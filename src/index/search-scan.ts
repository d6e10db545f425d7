/**
 * The scan of search.ts: the query tokens' postings walked into candidates
 * and per-paper scores, in the scratch arrays of search-scratch.ts. Apart
 * from search.ts because it is the hot loop (the early stop on a prefix
 * range, the one-term merges) and reads best on its own; search.ts orders the
 * tokens before it and selects the top k after it.
 */
import type { TokenTerms } from './query-terms';
import type { Scratch } from './search-scratch';
import { type TermIndex, lowerBoundOrd, postingAbstractTf, postingInAuthors, postingTitleTf } from './term-index';

/** Search field weights: a title hit counts more than an author or abstract hit. */
export const FIELD_WEIGHT = { title: 3, authors: 2, abstract: 1 } as const;

/** Best field weight per posting code (256 entries): title 3 > authors 2 > abstract 1. */
const FIELD_OF_CODE = Float64Array.from({ length: 256 }, (_, code) =>
  postingTitleTf(code) > 0
    ? FIELD_WEIGHT.title
    : postingInAuthors(code)
      ? FIELD_WEIGHT.authors
      : postingAbstractTf(code) > 0
        ? FIELD_WEIGHT.abstract
        : 0,
);

/** A term whose postings outnumber the candidates this many times is intersected by binary search, not scanned. */
const GALLOP_RATIO = 8;
/** Score buckets of the early-terminating single-token scan. */
const BUCKETS = 128;

/**
 * What scan leaves for the selection: `n` papers in `list`, scored in
 * Scratch.score. When `open` is not 0, the last token's walk has not been
 * swept: only the papers it stamped `open` (Scratch.tokStamp) match, and
 * its best term (Scratch.tok) is still to be added to their score.
 */
export interface Scanned {
  list: Uint32Array;
  n: number;
  open: number;
}

/**
 * The order in which a token's terms are walked: by the most they can add to a
 * paper (idf x title weight x factor), highest first, in BUCKETS buckets (a
 * counting sort). Terms of bucket b bound below (b + 1) x width.
 */
function bucketOrder(index: TermIndex, t: TokenTerms): { order: Uint32Array; start: Uint32Array; width: number } {
  const n = t.ids.length;
  const bound = new Float64Array(n);
  let maxBound = 0;
  for (let k = 0; k < n; k++) {
    const b = index.idf(t.ids[k] ?? 0) * (t.factors[k] ?? 1) * FIELD_WEIGHT.title;
    bound[k] = b;
    if (b > maxBound) maxBound = b;
  }
  const width = maxBound / BUCKETS || 1;
  const bucketOf = (b: number) => Math.min(BUCKETS - 1, Math.floor(b / width));
  const start = new Uint32Array(BUCKETS + 1);
  for (let k = 0; k < n; k++) {
    const b = bucketOf(bound[k] ?? 0) + 1;
    start[b] = (start[b] ?? 0) + 1;
  }
  for (let b = 0; b < BUCKETS; b++) start[b + 1] = (start[b + 1] ?? 0) + (start[b] ?? 0);
  const fill = start.slice();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const b = bucketOf(bound[k] ?? 0);
    const at = fill[b] ?? 0;
    order[at] = k;
    fill[b] = at + 1;
  }
  return { order, start, width };
}

/**
 * Tokens rarest first: the first builds the candidate list, each next one
 * keeps the candidates it matches. A term with many more postings than there
 * are candidates is intersected by binary search in its postings (candidates
 * are kept in ascending order), a small one is scanned.
 *
 * The last token, when it has several terms (a prefix range: "mo" has
 * thousands), is walked from its highest-bound terms down and stops early:
 * once `limit` accepted candidates score at least (best score before this
 * token) + (bound of every term left), no remaining term can add a paper
 * above them or lift one past them, so the top k is exactly that of the full
 * walk. The cheap rare terms come first; the costly common ones ("model",
 * "more") have low idf and are usually never walked.
 */
export function scan(index: TermIndex, s: Scratch, tokens: readonly TokenTerms[], wide: number, limit: number, accept?: (ord: number) => boolean): Scanned {
  const { score, tok, stamp, tokStamp, cand, hits, bestTerm } = s;
  const { offsets, posts } = index;
  const last = tokens.length - 1;
  let nCand = 0;
  let prevGen = 0;
  const none: Scanned = { list: cand, n: 0, open: 0 };
  for (let r = 0; r <= last; r++) {
    const t = tokens[r] as TokenTerms;
    const gen = s.next();
    if (t.ids.length === 1) {
      // One term (a whole word, no typo): its postings are read once, in
      // step with the candidates, with no per-token scratch to fill and
      // sweep again (at 1M papers a common word has 400k+ postings).
      const id = t.ids[0] ?? 0;
      const w = index.idf(id) * (t.factors[0] ?? 1);
      nCand = r === 0 ? startWithTerm(index, s, id, w, gen) : intersectTerm(index, s, id, w, nCand, gen);
      prevGen = gen;
      if (nCand === 0) return none;
      continue;
    }
    const keepBest = r === wide;
    let id = 0; // the term being walked
    // The last token's walk notes whom it reaches: the checks below and the
    // selection then read those rather than every candidate (at 1M papers
    // "large la" keeps 439k candidates, and the walk reaches 100k).
    let nHits = 0;
    const visit = (ord: number, x: number): void => {
      if (tokStamp[ord] !== gen) {
        tokStamp[ord] = gen;
        tok[ord] = x;
        if (r === 0) cand[nCand++] = ord;
        else if (r === last) hits[nHits++] = ord;
        if (keepBest) bestTerm[ord] = id;
      } else if (x > (tok[ord] ?? 0)) {
        tok[ord] = x;
        if (keepBest) bestTerm[ord] = id;
      }
    };
    const walk = (k: number): number => {
      id = t.ids[k] ?? 0;
      const w = index.idf(id) * (t.factors[k] ?? 1);
      const begin = offsets[id] ?? 0;
      const end = offsets[id + 1] ?? 0;
      if (r > 0 && end - begin > GALLOP_RATIO * nCand) {
        let lo = begin;
        for (let i = 0; i < nCand && lo < end; i++) {
          const ord = cand[i] ?? 0;
          lo = lowerBoundOrd(posts, lo, end, ord);
          const post = posts[lo] ?? 0;
          if (lo < end && post >>> 8 === ord) visit(ord, w * (FIELD_OF_CODE[post & 255] ?? 0));
        }
        return nCand * 4;
      }
      for (let p = begin; p < end; p++) {
        const post = posts[p] ?? 0;
        const ord = post >>> 8;
        if (r > 0 && stamp[ord] !== prevGen) continue;
        visit(ord, w * (FIELD_OF_CODE[post & 255] ?? 0));
      }
      return end - begin;
    };
    if (r < last) for (let k = 0; k < t.ids.length; k++) walk(k);
    else {
      let maxBefore = 0;
      for (let i = 0; r > 0 && i < nCand; i++) maxBefore = Math.max(maxBefore, score[cand[i] ?? 0] ?? 0);
      const { order, start, width } = bucketOrder(index, t);
      let sinceCheck = 0;
      for (let b = BUCKETS - 1; b >= 0; b--) {
        for (let j = start[b] ?? 0; j < (start[b + 1] ?? 0); j++) sinceCheck += walk(order[j] ?? 0);
        // Terms left bound below b x width. A check is a pass over the
        // candidates: only once the walk has done comparable work since the last.
        if (b === 0 || sinceCheck * 4 < nCand) continue;
        sinceCheck = 0;
        const floor = maxBefore + b * width;
        let safe = 0;
        const reached = r === 0 ? cand : hits;
        const nReached = r === 0 ? nCand : nHits;
        for (let i = 0; i < nReached && safe < limit; i++) {
          const ord = reached[i] ?? 0;
          if (tokStamp[ord] === gen && (r === 0 ? 0 : (score[ord] ?? 0)) + (tok[ord] ?? 0) >= floor && (!accept || accept(ord))) safe++;
        }
        if (safe >= limit) break;
      }
    }
    // Candidates ascending, for the binary-search intersections: one term's
    // postings already are; a large set is re-read from the stamps in order
    // (a linear pass beats sorting hundreds of thousands); a small one is sorted.
    if (r === 0 && last > 0 && t.ids.length > 1) {
      if (nCand * 16 > index.docCount) {
        nCand = 0;
        for (let ord = 0; ord < index.docCount; ord++) if (tokStamp[ord] === gen) cand[nCand++] = ord;
      } else cand.subarray(0, nCand).sort();
    }
    // Swept by the selection in the same pass (searchTerms).
    if (r === last) return r === 0 ? { list: cand, n: nCand, open: gen } : { list: hits, n: nHits, open: gen };
    let kept = 0;
    for (let i = 0; i < nCand; i++) {
      const ord = cand[i] ?? 0;
      if (tokStamp[ord] !== gen) continue;
      score[ord] = (r === 0 ? 0 : (score[ord] ?? 0)) + (tok[ord] ?? 0);
      stamp[ord] = gen;
      cand[kept++] = ord;
    }
    nCand = kept;
    prevGen = gen;
    if (nCand === 0) return none;
  }
  return { list: cand, n: nCand, open: 0 };
}

/** A one-term first token: its postings, ascending, are the candidates. */
function startWithTerm(index: TermIndex, s: Scratch, id: number, w: number, gen: number): number {
  const { score, stamp, cand } = s;
  const { offsets, posts } = index;
  const end = offsets[id + 1] ?? 0;
  let n = 0;
  for (let p = offsets[id] ?? 0; p < end; p++) {
    const post = posts[p] ?? 0;
    const ord = post >>> 8;
    score[ord] = w * (FIELD_OF_CODE[post & 255] ?? 0);
    stamp[ord] = gen;
    cand[n++] = ord;
  }
  return n;
}

/**
 * A one-term token after the first: keeps the candidates found in its
 * postings and adds its score. Both lists ascend, so one merge pass does it;
 * when the postings are much longer, each candidate is found by binary search.
 */
function intersectTerm(index: TermIndex, s: Scratch, id: number, w: number, nCand: number, gen: number): number {
  const { score, stamp, cand } = s;
  const { offsets, posts } = index;
  const end = offsets[id + 1] ?? 0;
  let p = offsets[id] ?? 0;
  const gallop = end - p > GALLOP_RATIO * nCand;
  let kept = 0;
  for (let i = 0; i < nCand && p < end; i++) {
    const ord = cand[i] ?? 0;
    if (gallop) p = lowerBoundOrd(posts, p, end, ord);
    else while (p < end && (posts[p] ?? 0) >>> 8 < ord) p++;
    const post = posts[p] ?? 0;
    if (p < end && post >>> 8 === ord) {
      score[ord] = (score[ord] ?? 0) + w * (FIELD_OF_CODE[post & 255] ?? 0);
      stamp[ord] = gen;
      cand[kept++] = ord;
    }
  }
  return kept;
}
