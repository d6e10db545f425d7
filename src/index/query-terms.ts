/**
 * The query side of search: a typed query becomes tokens (the last one a
 * prefix while it is typed), and each token the index terms it matches
 * (exact, prefix range, one-edit typos when those find little) with a score
 * factor per term. Used by search.ts.
 */
import { normalizeTitle } from './normalize';
import type { TermIndex } from './term-index';
import { isStopword, STOPWORDS } from './tokenize';
import { TYPO_MIN_LENGTH, typoTermIds } from './typo';

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

/** The index terms one query token matches, each with a score factor. */
export interface TokenTerms {
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
    factors.push(q.token.length / (index.vocab.at(id) ?? q.token).length);
  }
  let cost = index.rangeCost(lo, hi);
  // "wi" on its way to "with": don't empty the list while a stopword is typed.
  if (ids.length === 0 && q.prefix && [...STOPWORDS].some((s) => s.startsWith(q.token))) return 'skip';
  if (cost < TYPO_MIN_POSTINGS && q.token.length >= TYPO_MIN_LENGTH) {
    for (const id of typoTermIds(index, q.token, q.prefix, lo, hi)) {
      const term = index.vocab.at(id) ?? '';
      ids.push(id);
      factors.push(TYPO_FACTOR * (q.prefix ? Math.min(1, q.token.length / term.length) : 1));
      cost += index.df(id);
    }
  }
  return ids.length === 0 ? null : { ids, factors, cost };
}
