import { describe, expect, it } from 'vitest';
import type { PageInfo } from '../../../src/arxiv/page-info';
import type { Paper } from '../../../src/dataset/schema';
import { arxivIdMonth, titleSimilarity } from '../../../src/index/match';
import { PaperIndex, POSSIBLE_MATCH_BELOW } from '../../../src/index/paper-index';

function mk(id: string, title: string, authors: string[], date: string, extra: Partial<Paper> = {}): Paper {
  return {
    id, title, authors, authorsTruncated: false, affiliations: [], categories: ['cs.LG'], date, abstract: '',
    hasCode: false, sources: ['test'], ...extra,
  };
}
const SMITH = ['Samuel L. Smith', 'Pieter-Jan Kindermans', 'Chris Ying', 'Quoc V. Le'];
const papers: Paper[] = [
  mk('batch', "Don't Decay the Learning Rate, Increase the Batch Size", SMITH, '2017-11-01'),
  mk('bayes', 'A Bayesian Perspective on Generalization and Stochastic Gradient Descent', ['Samuel L. Smith', 'Quoc V. Le'], '2017-10-17'),
  mk('griffin', 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models', ['Soham De', 'Samuel L. Smith'], '2024-02-29'),
  mk('old', 'Scaling Laws for Sparse Recurrent Language Models', ['Soham De', 'Samuel L. Smith'], '2015-03-01'),
];
const index = PaperIndex.build({ papers, authors: [] });
const page = (arxivId: string, title: string, authors: string[]): PageInfo => ({ arxivId, title, authors, abstract: '' });

describe('fuzzy title matching', () => {
  it("matches a paper retitled between versions when authors and date agree", () => {
    const m = index.match(page('1711.00489', "Don't Decay Learning Rates, Increase the Batch Size", SMITH));
    expect(m?.paper.id).toBe('batch');
    expect(m?.method).toBe('fuzzy-title');
    expect(m?.confidence).toBeGreaterThan(0.5);
  });

  it('matches a dropped subtitle and a truncated title, initials for names', () => {
    const sub = index.match(page('2402.19427', 'Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models', ['S. De', 'S. L. Smith']));
    expect(sub?.paper.id).toBe('griffin');
    expect(sub?.confidence).toBeGreaterThanOrEqual(POSSIBLE_MATCH_BELOW);
    const trunc = index.match(page('2402.19427', 'Griffin: Mixing Gated Linear Recurrences', ['Soham De', 'Samuel L. Smith']));
    expect(trunc?.paper.id).toBe('griffin');
  });

  it('does not match an unrelated title with similar words, even by the same authors', () => {
    expect(index.match(page('1711.00001', 'Increase the Learning Rate of Bayesian Batch Methods', SMITH))).toBeNull();
    expect(index.match(page('2402.00001', 'Linear Attention for Efficient Vision Models', ['Soham De', 'Samuel L. Smith']))).toBeNull();
  });

  it('does not match without a shared author', () => {
    expect(index.match(page('1711.00489', "Don't Decay Learning Rates, Increase the Batch Size", ['Jane Doe']))).toBeNull();
  });

  it('is blocked when the arXiv id month is inconsistent with the paper date', () => {
    // Same authors, near-identical title, but the dataset paper is from 2015.
    const m = index.match(page('2402.00002', 'Scaling Laws for Sparse Recurrent Language Model', ['Soham De', 'Samuel L. Smith']));
    expect(m).toBeNull();
    const ok = index.match(page('1503.00002', 'Scaling Laws for Sparse Recurrent Language Model', ['Soham De', 'Samuel L. Smith']));
    expect(ok?.paper.id).toBe('old');
  });

  it('reads YYMM from new and old arXiv ids', () => {
    expect(arxivIdMonth('2101.12176')).toBe(2021 * 12);
    expect(arxivIdMonth('hep-th/9901001v2')).toBe(1999 * 12);
    expect(arxivIdMonth('9999.99999')).toBeUndefined();
  });

  it('scores title similarity by words, characters and containment', () => {
    expect(titleSimilarity('Scaling networks', 'Scaling network').words).toBe(1);
    expect(titleSimilarity('Griffin: Mixing Gated Linear Recurrences', 'Mixing Gated Linear Recurrences').contained).toBe(4); // content words of the contained title
    expect(titleSimilarity('Protein folding', 'Batch size').chars).toBeLessThan(0.2);
  });
});
