import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { normalizeTitle } from '../../../src/index/normalize';
import type { RelatedQuery } from '../../../src/index/types';
import { prng } from '../../support/prng';
import { relatedPapers as previousRelated, type RelatedContext } from './related-previous';

/**
 * The dense-score rewrite of related.ts (for speed at 75k papers) must rank
 * exactly as before: same papers, same order, same scores, same reasons, on a
 * corpus large enough for ties, shared authors, common and rare terms.
 */
const rand = prng(20261130);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
// A Zipf-like vocabulary: a few words are everywhere (skipped as too common), most are rare.
const WORDS = Array.from({ length: 400 }, (_, i) => `w${i.toString(36)}${'xyz'[i % 3]}`);
const word = () => WORDS[Math.floor(WORDS.length * rand() ** 2.5)] as string;
const PHRASES = ['batch size', 'learning rate', 'neural network', 'gradient descent', 'language model'];
const text = (n: number) => Array.from({ length: n }, () => (rand() < 0.1 ? pick(PHRASES) : word())).join(' ');
const AUTHORS = Array.from({ length: 150 }, (_, i) => `Author${i} Surname${i % 40}`);
const CATS = ['cs.LG', 'cs.CV', 'stat.ML', 'math.OC', 'hep-th'];

function paper(i: number): Paper {
  const year = 2010 + Math.floor(rand() * 15);
  return {
    id: `p${i}`,
    title: `${text(3 + Math.floor(rand() * 6))}`,
    authors: Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(AUTHORS)),
    authorsTruncated: false,
    affiliations: [],
    categories: [pick(CATS), pick(CATS)],
    // Few distinct dates, so equal scores fall to the date and order tie-breaks.
    date: `${year}-0${1 + Math.floor(rand() * 3)}-01`,
    abstract: `${text(20 + Math.floor(rand() * 60))}. ${text(10)}, (${text(3)}).`,
    hasCode: false,
    sources: ['test'],
  };
}

const papers = Array.from({ length: 1500 }, (_, i) => paper(i));
const index = PaperIndex.build({ papers, authors: [] });

/** The same context PaperIndex.related builds (its fields are private: read here for the oracle only). */
function previous(q: RelatedQuery, limit: number) {
  const inner = index as unknown as Omit<RelatedContext, 'index' | 'excluded'> & { terms: RelatedContext['index']; titleOrds(k: string): number[]; ordOfId(id: string): number | undefined };
  const key = normalizeTitle(q.title);
  const excluded = new Set<number>(key === '' ? [] : inner.titleOrds(key));
  const ex = q.excludeId === undefined ? undefined : inner.ordOfId(q.excludeId);
  if (ex !== undefined) excluded.add(ex);
  const ctx: RelatedContext = { papers: inner.papers, index: inner.terms, stats: inner.stats, graph: inner.graph, excluded, newestDate: inner.newestDate };
  return previousRelated(ctx, q, limit);
}

const asQuery = (p: Paper): RelatedQuery => ({ title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id });

describe('related papers: the rewrite ranks exactly as the previous implementation', () => {
  it('for dataset papers, at several limits', () => {
    let compared = 0;
    for (const p of papers.filter((_, i) => i % 25 === 0)) {
      for (const limit of [1, 30]) {
        const now = index.related(asQuery(p), limit);
        expect(now, `${p.id} limit ${limit}`).toEqual(previous(asQuery(p), limit));
        compared += now.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('for pages not in the dataset (unknown authors, no category) and author-only queries', () => {
    for (let i = 0; i < 30; i++) {
      const q: RelatedQuery = { title: text(5), abstract: i % 3 === 0 ? '' : text(40), authors: i % 2 ? [pick(AUTHORS)] : ['Nobody Known'], categories: i % 4 ? [] : [pick(CATS)] };
      expect(index.related(q, 30), `query ${i}`).toEqual(previous(q, 30));
    }
    const authorOnly: RelatedQuery = { title: 'zzz', abstract: '', authors: [AUTHORS[3] as string], categories: ['cs.LG'] };
    expect(index.related(authorOnly, 30).length).toBeGreaterThan(0);
    expect(index.related(authorOnly, 30)).toEqual(previous(authorOnly, 30));
  });
});
