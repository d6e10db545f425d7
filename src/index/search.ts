/**
 * As-you-type search over the TermIndex. Query -> tokens (the last one is a
 * prefix while it is being typed) -> per token a list of index terms (exact,
 * the prefix range, and one-edit typos when those find little; query-terms.ts)
 * -> AND across tokens, cheapest first, with dense typed-array accumulators
 * (search-scan.ts) -> top k. This file orders the tokens, selects the top k
 * and names each hit's matched terms.
 */
import { expandToken, parseQuery, type TokenTerms } from './query-terms';
import { scan } from './search-scan';
import { Scratch } from './search-scratch';
import type { TermIndex } from './term-index';
import { TopK } from './topk';

export { expandToken, parseQuery, TYPO_FACTOR, TYPO_MIN_POSTINGS, type QueryToken } from './query-terms';
export { FIELD_WEIGHT } from './search-scan';

export interface RawHit {
  ord: number;
  score: number;
  matchedTerms: string[];
}

/** One Scratch per index (search-scratch.ts), made on its first search. */
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
/** A range goes before a one-term token only when this many times cheaper (see byEvaluationOrder). */
const RANGE_FIRST_RATIO = 4;

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
