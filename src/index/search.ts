/**
 * As-you-type search over the TermIndex. Query -> tokens (the last one is a
 * prefix while it is being typed) -> per token a list of index terms (exact,
 * the prefix range, and one-edit typos when those find little) -> AND across
 * tokens, rarest first, with dense typed-array accumulators -> top k.
 */
import { normalizeTitle } from './normalize';
import { type TermIndex, postingAbstractTf, postingInAuthors, postingTitleTf } from './term-index';
import { isStopword, STOPWORDS } from './tokenize';
import { TopK } from './topk';
import { TYPO_MIN_LENGTH, typoTermIds } from './typo';

/** Search field weights: a title hit counts more than an author or abstract hit. */
export const FIELD_WEIGHT = { title: 3, authors: 2, abstract: 1 } as const;

/** A token whose exact/prefix terms occur in fewer papers than this also matches one-edit typos. */
export const TYPO_MIN_POSTINGS = 3;
/** Score factor of a typo match. */
export const TYPO_FACTOR = 0.5;

/** A query token: `prefix` is true for the last token while it is being typed. */
export interface QueryToken {
  token: string;
  prefix: boolean;
}

/**
 * Query tokens after the as-you-type rules: the last token is a prefix unless
 * the query ends in a space or punctuation; complete stopwords are dropped, and
 * so is a last token that is itself a whole stopword ("on the origin of").
 */
export function parseQuery(query: string): QueryToken[] {
  const raw = normalizeTitle(query).split(' ').filter((t) => t !== '');
  const typing = /[\p{L}\p{N}]$/u.test(query);
  const out: QueryToken[] = [];
  raw.forEach((token, i) => {
    const prefix = typing && i === raw.length - 1;
    if (token.length < 2 && !/^\d$/.test(token)) return;
    if (isStopword(token)) return;
    if (!out.some((q) => q.token === token && q.prefix === prefix)) out.push({ token, prefix });
  });
  return out;
}

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

/** The index terms one query token matches, each with a score factor. */
interface TokenTerms {
  ids: number[];
  factors: number[];
  cost: number;
}

/** Exact term, or prefix range (factor token/term length), plus typos when that finds little. */
export function expandToken(index: TermIndex, q: QueryToken): TokenTerms | 'skip' | null {
  const ids: number[] = [];
  const factors: number[] = [];
  let lo = 0;
  let hi = 0;
  if (q.prefix) [lo, hi] = index.prefixRange(q.token);
  else {
    const id = index.termId(q.token);
    if (id !== undefined) [lo, hi] = [id, id + 1];
  }
  for (let id = lo; id < hi; id++) {
    ids.push(id);
    factors.push(q.token.length / (index.vocab[id] ?? q.token).length);
  }
  let cost = index.rangeCost(lo, hi);
  // "wi" on its way to "with": don't empty the list while a stopword is typed.
  if (ids.length === 0 && q.prefix && [...STOPWORDS].some((s) => s.startsWith(q.token))) return 'skip';
  if (cost < TYPO_MIN_POSTINGS && q.token.length >= TYPO_MIN_LENGTH) {
    for (const id of typoTermIds(index, q.token, q.prefix, lo, hi)) {
      const term = index.vocab[id] ?? '';
      ids.push(id);
      factors.push(TYPO_FACTOR * (q.prefix ? Math.min(1, q.token.length / term.length) : 1));
      cost += index.df(id);
    }
  }
  return ids.length === 0 ? null : { ids, factors, cost };
}

/** Reusable per-index scratch arrays (one search at a time: JS is single-threaded). */
class Scratch {
  readonly score: Float64Array;
  readonly tok: Float64Array;
  readonly stamp: Uint32Array;
  readonly tokStamp: Uint32Array;
  readonly cand: Uint32Array;
  gen = 0;
  constructor(n: number) {
    this.score = new Float64Array(n);
    this.tok = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.tokStamp = new Uint32Array(n);
    this.cand = new Uint32Array(n);
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
  tokens.sort((a, b) => a.cost - b.cost); // rarest first: the candidate set starts small

  let s = scratches.get(index);
  if (!s) scratches.set(index, (s = new Scratch(index.docCount)));
  const { score, tok, stamp, tokStamp, cand } = s;
  const { offsets, ords, codes } = index;
  let nCand = 0;
  let prevGen = 0;
  for (let r = 0; r < tokens.length; r++) {
    const t = tokens[r] as TokenTerms;
    const gen = s.next();
    for (let k = 0; k < t.ids.length; k++) {
      const id = t.ids[k] ?? 0;
      const w = index.idf(id) * (t.factors[k] ?? 1);
      const end = offsets[id + 1] ?? 0;
      for (let p = offsets[id] ?? 0; p < end; p++) {
        const ord = ords[p] ?? 0;
        if (r > 0 && stamp[ord] !== prevGen) continue;
        const x = w * (FIELD_OF_CODE[codes[p] ?? 0] ?? 0);
        if (tokStamp[ord] !== gen) {
          tokStamp[ord] = gen;
          tok[ord] = x;
          if (r === 0) cand[nCand++] = ord;
        } else if (x > (tok[ord] ?? 0)) tok[ord] = x;
      }
    }
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
    if (nCand === 0) return [];
  }

  const top = new TopK(limit, (a, b) => {
    const d = (score[a] ?? 0) - (score[b] ?? 0);
    if (d !== 0) return d;
    const ra = opts.recency(a);
    const rb = opts.recency(b);
    return ra !== rb ? ra - rb : b - a;
  });
  for (let i = 0; i < nCand; i++) {
    const ord = cand[i] ?? 0;
    if (!opts.accept || opts.accept(ord)) top.push(ord);
  }
  const best = top.sorted();
  return best.map((ord) => ({ ord, score: score[ord] ?? 0, matchedTerms: matchedTerms(index, tokens, ord) }));
}

/** The index terms of the query found in paper `ord`, sorted (for highlighting). */
function matchedTerms(index: TermIndex, tokens: readonly TokenTerms[], ord: number): string[] {
  const out = new Set<string>();
  for (const t of tokens) for (const id of t.ids) if (index.has(id, ord)) out.add(index.vocab[id] ?? '');
  return [...out].sort();
}
