/**
 * As-you-type search over the TermIndex. Query -> tokens (the last one is a
 * prefix while it is being typed) -> per token a list of index terms (exact,
 * the prefix range, and one-edit typos when those find little) -> AND across
 * tokens, cheapest first, with dense typed-array accumulators -> top k.
 */
import { expandToken, parseQuery, type TokenTerms } from './query-terms';
import { type TermIndex, lowerBoundOrd, postingAbstractTf, postingInAuthors, postingTitleTf } from './term-index';
import { TopK } from './topk';

export { expandToken, parseQuery, TYPO_FACTOR, TYPO_MIN_POSTINGS, type QueryToken } from './query-terms';

/** Search field weights: a title hit counts more than an author or abstract hit. */
export const FIELD_WEIGHT = { title: 3, authors: 2, abstract: 1 } as const;


export interface RawHit {
  ord: number;
  score: number;
  matchedTerms: string[];
}

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


/** Reusable per-index scratch arrays (one search at a time: JS is single-threaded). */
class Scratch {
  readonly score: Float64Array;
  readonly tok: Float64Array;
  readonly stamp: Uint32Array;
  readonly tokStamp: Uint32Array;
  readonly cand: Uint32Array;
  /** The papers the last token's walk reached, in the order it reached them (a subset of cand). */
  readonly hits: Uint32Array;
  /** Per paper, the best-scoring term of the widest prefix token (see matchedTerms). */
  readonly bestTerm: Uint32Array;
  gen = 0;
  constructor(n: number) {
    this.score = new Float64Array(n);
    this.tok = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.tokStamp = new Uint32Array(n);
    this.cand = new Uint32Array(n);
    this.hits = new Uint32Array(n);
    this.bestTerm = new Uint32Array(n);
  }
  next(): number {
    if (this.gen >= 0xfffffff0) {
      this.stamp.fill(0);
      this.tokStamp.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }
}
const scratches = new WeakMap<TermIndex, Scratch>();

export interface SearchOptions {
  /** Keeps a paper (by ordinal) in the results; applied to the final candidates only. */
  accept?: (ord: number) => boolean;
  /** Tie-break key per ordinal, larger first (e.g. date as YYYYMMDD); then ordinal. */
  recency: (ord: number) => number;
}

/**
 * A token with more terms than this (a short prefix: "co" has thousands) gets
 * only its best-scoring term per hit in matchedTerms; testing every term of the
 * range against each hit would cost more than the search itself.
 */
export const MATCHED_TERMS_EXACT_MAX = 64;
/** A term whose postings outnumber the candidates this many times is intersected by binary search, not scanned. */
const GALLOP_RATIO = 8;
/** A range goes before a one-term token only when this many times cheaper (see byEvaluationOrder). */
const RANGE_FIRST_RATIO = 4;
/** Score buckets of the early-terminating single-token scan. */
const BUCKETS = 128;

/**
 * AND search: every token must match some field of a paper. A token's score in
 * a paper is the best idf x field weight x factor among its matching terms; a
 * paper's score is the sum. Ties: newer first, then dataset order.
 */
export function searchTerms(index: TermIndex, query: string, limit: number, opts: SearchOptions): RawHit[] {
  const tokens: TokenTerms[] = [];
  for (const q of parseQuery(query)) {
    const t = expandToken(index, q);
    if (t === null) return [];
    if (t !== 'skip') tokens.push(t);
  }
  if (tokens.length === 0 || limit <= 0) return [];
  // Postings not read yet (a woken worker): noted, and asked again once read.
  let ready = true;
  for (const t of tokens) if (!index.allReady(t.ids)) ready = false;
  if (!ready) return [];
  tokens.sort(byEvaluationOrder);

  let s = scratches.get(index);
  if (!s) scratches.set(index, (s = new Scratch(index.docCount)));
  // The token whose matched terms are its best term per paper (only a wide prefix range).
  let wide = -1;
  tokens.forEach((t, r) => {
    if (t.ids.length > MATCHED_TERMS_EXACT_MAX && (wide < 0 || t.ids.length > (tokens[wide]?.ids.length ?? 0))) wide = r;
  });
  const { list, n, open } = scan(index, s, tokens, wide, limit, opts.accept);
  const { score, tok, tokStamp } = s;
  const alone = tokens.length === 1; // the open token's tok is the whole score

  const top = new TopK(limit, (a, b) => {
    const d = (score[a] ?? 0) - (score[b] ?? 0);
    if (d !== 0) return d;
    const ra = opts.recency(a);
    const rb = opts.recency(b);
    return ra !== rb ? ra - rb : b - a;
  });
  // Once k are kept, a candidate scoring below the worst kept cannot enter:
  // skipped before the comparator (a call, and a date on ties) and accept.
  // At 1M papers a common word leaves 100k+ candidates.
  let floor = -Infinity;
  for (let i = 0; i < n; i++) {
    const ord = list[i] ?? 0;
    if (open !== 0) {
      if (tokStamp[ord] !== open) continue;
      score[ord] = (alone ? 0 : (score[ord] ?? 0)) + (tok[ord] ?? 0);
    }
    if ((score[ord] ?? 0) < floor) continue;
    if (opts.accept && !opts.accept(ord)) continue;
    top.push(ord);
    const worst = top.worst;
    if (worst !== undefined) floor = score[worst] ?? 0;
  }
  const best = top.sorted();
  const bestTerm = s.bestTerm;
  return best.map((ord) => ({ ord, score: score[ord] ?? 0, matchedTerms: matchedTerms(index, tokens, ord, wide, bestTerm[ord] ?? 0) }));
}

/**
 * Tokens in the order scan takes them: rarest first, so the candidate set
 * starts small, except that one-term tokens go before a range (a prefix, or
 * a word with its typos) unless the range is far cheaper. A one-term token
 * is read in step with the candidates, while a range first needs its
 * candidates sorted and swept; last, its walk can stop early.
 */
function byEvaluationOrder(a: TokenTerms, b: TokenTerms): number {
  const key = (t: TokenTerms) => (t.ids.length === 1 ? t.cost : t.cost * RANGE_FIRST_RATIO);
  return key(a) - key(b) || (a.ids.length === 1 ? 0 : 1) - (b.ids.length === 1 ? 0 : 1);
}

/**
 * What scan leaves for the selection: `n` papers in `list`, scored in
 * Scratch.score. When `open` is not 0, the last token's walk has not been
 * swept: only the papers it stamped `open` (Scratch.tokStamp) match, and
 * its best term (Scratch.tok) is still to be added to their score.
 */
interface Scanned {
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
function scan(index: TermIndex, s: Scratch, tokens: readonly TokenTerms[], wide: number, limit: number, accept?: (ord: number) => boolean): Scanned {
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

/**
 * The index terms of the query found in paper `ord`, sorted (for highlighting).
 * Of the wide prefix token (if any), only its best term in this paper.
 */
function matchedTerms(index: TermIndex, tokens: readonly TokenTerms[], ord: number, wide: number, bestOfWide: number): string[] {
  const out = new Set<string>();
  tokens.forEach((t, r) => {
    if (r === wide) out.add(index.vocab.at(bestOfWide) ?? '');
    else for (const id of t.ids) if (index.has(id, ord)) out.add(index.vocab.at(id) ?? '');
  });
  return [...out].sort();
}
