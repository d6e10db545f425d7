/**
 * The inverted index (term -> postings of paper ordinals) and the
 * as-you-type search over it. related.ts reuses the same postings for tf-idf.
 */
import type { Paper } from '../dataset/schema';
import { authorTerms, isStopword, STOPWORDS, terms } from './tokenize';
import { normalizeTitle } from './normalize';

/** Search field weights: a title hit counts more than an author or abstract hit. */
export const FIELD_WEIGHT = { title: 3, authors: 2, abstract: 1 } as const;

/** Title term counts above this are clamped (they only feed a log anyway). */
const MAX_TITLE_TF = 31;

/**
 * One posting code per (term, paper): `inAuthors + 2 * titleTf + 64 * abstractTf`.
 * Plain arithmetic (no bit ops) so large abstract counts cannot overflow.
 */
export function encodePosting(titleTf: number, abstractTf: number, inAuthors: boolean): number {
  return (inAuthors ? 1 : 0) + 2 * Math.min(titleTf, MAX_TITLE_TF) + 64 * abstractTf;
}
export function postingInAuthors(code: number): boolean {
  return code % 2 === 1;
}
export function postingTitleTf(code: number): number {
  return Math.floor(code / 2) % 32;
}
export function postingAbstractTf(code: number): number {
  return Math.floor(code / 64);
}

/** Code-unit order, the order prefix ranges rely on. */
export function compareTerms(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Term -> postings. `vocab` is sorted (binary search for prefixes);
 * `postings[i]` belongs to `vocab[i]` and is a flat array
 * [ord, code, ord, code, ...] with ordinals ascending.
 */
export class TermIndex {
  private readonly ids = new Map<string, number>();

  constructor(
    readonly vocab: readonly string[],
    readonly postings: readonly (readonly number[])[],
    readonly docCount: number,
  ) {
    vocab.forEach((t, i) => this.ids.set(t, i));
  }

  static build(papers: readonly Paper[]): TermIndex {
    const lists = new Map<string, number[]>();
    papers.forEach((paper, ord) => {
      const counts = new Map<string, { t: number; b: number; a: boolean }>();
      const entry = (term: string) => {
        let c = counts.get(term);
        if (!c) counts.set(term, (c = { t: 0, b: 0, a: false }));
        return c;
      };
      for (const term of terms(paper.title)) entry(term).t++;
      for (const term of terms(paper.abstract)) entry(term).b++;
      for (const name of paper.authors) for (const term of authorTerms(name)) entry(term).a = true;
      for (const [term, c] of counts) {
        let list = lists.get(term);
        if (!list) lists.set(term, (list = []));
        list.push(ord, encodePosting(c.t, c.b, c.a));
      }
    });
    const vocab = [...lists.keys()].sort(compareTerms);
    return new TermIndex(vocab, vocab.map((t) => lists.get(t) ?? []), papers.length);
  }

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** Number of papers containing the term in any field. */
  df(termId: number): number {
    return (this.postings[termId]?.length ?? 0) / 2;
  }

  idf(termId: number): number {
    const df = this.df(termId);
    return df === 0 ? 0 : Math.log(1 + this.docCount / df);
  }

  /** Ids of all terms starting with `prefix`, in vocabulary order. */
  prefixIds(prefix: string): number[] {
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareTerms(this.vocab[mid] ?? '', prefix) < 0) lo = mid + 1;
      else hi = mid;
    }
    const out: number[] = [];
    for (let i = lo; i < this.vocab.length && (this.vocab[i] ?? '').startsWith(prefix); i++) out.push(i);
    return out;
  }
}

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

/** Best field weight of a posting code: title 3 > authors 2 > abstract 1. */
function fieldWeight(code: number): number {
  if (postingTitleTf(code) > 0) return FIELD_WEIGHT.title;
  if (postingInAuthors(code)) return FIELD_WEIGHT.authors;
  return postingAbstractTf(code) > 0 ? FIELD_WEIGHT.abstract : 0;
}

interface TokenMatch {
  score: number;
  termIds: number[];
}

/**
 * AND search: every token must match some field of a paper (exactly, or as a
 * prefix for the last token). A token's score in a paper is the best
 * idf x field weight among its matching terms; a paper's score is the sum.
 */
export function searchTerms(
  index: TermIndex,
  papers: readonly Paper[],
  query: string,
  limit: number,
): RawHit[] {
  const tokens = parseQuery(query);
  const expanded: number[][] = [];
  for (const q of tokens) {
    const ids = q.prefix ? index.prefixIds(q.token) : [index.termId(q.token)].filter((x) => x !== undefined);
    if (ids.length === 0) {
      // "wi" on its way to "with": don't empty the list while a stopword is typed.
      if (q.prefix && [...STOPWORDS].some((s) => s.startsWith(q.token))) continue;
      return [];
    }
    expanded.push(ids);
  }
  if (expanded.length === 0 || limit <= 0) return [];
  // Rarest token first, so the candidate set starts small.
  const cost = (ids: number[]) => ids.reduce((n, id) => n + index.df(id), 0);
  expanded.sort((a, b) => cost(a) - cost(b));

  let acc: Map<number, { score: number; termIds: number[] }> | null = null;
  for (const ids of expanded) {
    const per = new Map<number, TokenMatch>();
    for (const id of ids) {
      const idf = index.idf(id);
      const list = index.postings[id] ?? [];
      for (let i = 0; i < list.length; i += 2) {
        const ord = list[i] ?? 0;
        if (acc && !acc.has(ord)) continue;
        const s = idf * fieldWeight(list[i + 1] ?? 0);
        const m = per.get(ord);
        if (!m) per.set(ord, { score: s, termIds: [id] });
        else {
          m.score = Math.max(m.score, s);
          m.termIds.push(id);
        }
      }
    }
    const next = new Map<number, { score: number; termIds: number[] }>();
    for (const [ord, m] of per) {
      const prev = acc?.get(ord);
      next.set(ord, {
        score: (prev?.score ?? 0) + m.score,
        termIds: prev ? [...prev.termIds, ...m.termIds] : m.termIds,
      });
    }
    acc = next;
    if (acc.size === 0) return [];
  }

  const hits: RawHit[] = [];
  for (const [ord, m] of acc ?? []) {
    const matched = [...new Set(m.termIds)].sort((a, b) => a - b).map((id) => index.vocab[id] ?? '');
    hits.push({ ord, score: m.score, matchedTerms: matched });
  }
  hits.sort((a, b) => b.score - a.score || byDateDesc(papers, a.ord, b.ord));
  return hits.slice(0, limit);
}

/** Newer first; equal dates by dataset order. */
export function byDateDesc(papers: readonly Paper[], a: number, b: number): number {
  const da = papers[a]?.date ?? '';
  const db = papers[b]?.date ?? '';
  return da < db ? 1 : da > db ? -1 : a - b;
}
