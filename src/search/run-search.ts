import type { Paper } from '../dataset/schema';
import type { SearchFilters, SearchHit } from '../index/types';
import { containsPhrase, nameMatches } from './name-match';
import type { QueryFilters } from './query-syntax';

/** What this module needs of PaperIndex (kept narrow so tests can pass a fake). */
export interface SearchableIndex {
  search(query: string, limit: number, filters?: SearchFilters): SearchHit[];
  author(nameOrId: string): unknown;
}

/** Candidates fetched when hits must also pass checks the index cannot do. */
export const POST_FILTER_FETCH = 500;

/**
 * Runs a parsed popup query. Category, years, code and a known author are
 * filters of the index itself (complete: nothing is lost to a top-k cut).
 * Title words, phrases and an author the index cannot resolve ("au:smith")
 * are checked here on a larger candidate list; their words are part of the
 * text query, so the index has already narrowed candidates to papers that
 * contain them, and 500 of those cover practically every case.
 */
export function runSearch(index: SearchableIndex, text: string, limit: number, f: QueryFilters = {}, phrases: readonly string[] = []): SearchHit[] {
  const indexFilters: SearchFilters = {
    ...(f.category === undefined ? {} : { category: f.category }),
    ...(f.yearFrom === undefined ? {} : { yearFrom: f.yearFrom }),
    ...(f.yearTo === undefined ? {} : { yearTo: f.yearTo }),
    ...(f.hasCode === undefined ? {} : { hasCode: f.hasCode }),
  };
  const checks: ((p: Paper) => boolean)[] = [];
  let query = text;
  if (f.author !== undefined && f.author.trim() !== '') {
    const author = f.author;
    if (index.author(author) !== undefined) indexFilters.author = author;
    else {
      checks.push((p) => p.authors.some((n) => nameMatches(n, author)));
      // The name's words narrow the index's candidates to papers that mention them.
      query = `${query} ${author}`;
    }
    // An author search with no other words lists that author's papers.
    if (query.trim() === '') query = author;
  }
  for (const t of f.title ?? []) checks.push((p) => containsPhrase(p.title, t));
  for (const ph of phrases) checks.push((p) => containsPhrase(p.title, ph) || containsPhrase(p.abstract, ph) || p.authors.some((n) => containsPhrase(n, ph)));
  if (query.trim() === '') return [];
  const filters = Object.keys(indexFilters).length > 0 ? indexFilters : undefined;
  if (checks.length === 0) return index.search(query, limit, filters);
  const pass = (hits: SearchHit[]) => hits.filter((h) => checks.every((c) => c(h.paper)));
  // A few times the limit is usually enough and keeps a keystroke cheap; go wide only when it is not.
  const first = index.search(query, limit * 4, filters);
  const kept = pass(first);
  if (kept.length >= limit || first.length < limit * 4) return kept.slice(0, limit);
  return pass(index.search(query, Math.max(limit, POST_FILTER_FETCH), filters)).slice(0, limit);
}
