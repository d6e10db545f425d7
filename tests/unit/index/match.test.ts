import { describe, expect, it } from 'vitest';
import type { PageInfo } from '../../../src/arxiv/page-info';
import type { Author, Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';

function mk(id: string, title: string, authors: string[], extra: Partial<Paper> = {}): Paper {
  return {
    id, title, authors, authorsTruncated: false, affiliations: [], categories: ['cs.LG'],
    date: '2021-01-01', abstract: '', hasCode: false, sources: ['test'], ...extra,
  };
}

function page(extra: Partial<PageInfo>): PageInfo {
  return { arxivId: '9999.99999', title: 'Unrelated', authors: [], abstract: '', ...extra };
}

const papers: Paper[] = [
  mk('p1', 'On the Origin of Implicit Regularization in Stochastic Gradient Descent', ['Samuel L. Smith', 'Benoit Dherin'], { arxivId: '2101.12176' }),
  mk('p2', 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models', ['Soham De', 'Samuel L. Smith']),
  mk('p3', 'String Theory in $\\mathcal{N}=4$ Backgrounds', ['Edward Witten'], { arxivId: 'hep-th/9901001', categories: ['hep-th'] }),
  mk('p4', 'Universality of Linear Recurrences', ['Antonio Orvieto', 'Çağlar Gülçehre']),
  mk('p5', 'Universality of Linear Recurrences', ['Someone Else']),
];
const authors: Author[] = [{ id: 'samuel l smith', name: 'Samuel L. Smith', metrics: { hIndex: 79 } }];
const index = PaperIndex.build({ papers, authors });

describe('PaperIndex lookups', () => {
  it('size, paper, author', () => {
    expect(index.size).toBe(5);
    expect(index.paper('p2')?.title).toMatch(/^Griffin/);
    expect(index.paper('nope')).toBeUndefined();
    expect(index.author('samuel l smith')?.metrics?.hIndex).toBe(79);
    expect(index.author('Smith, Samuel L.')?.name).toBe('Samuel L. Smith');
    expect(index.author('Soham De')).toBeUndefined();
  });

  it('byArxivId strips versions and prefixes', () => {
    expect(index.byArxivId('2101.12176')?.id).toBe('p1');
    expect(index.byArxivId('2101.12176v2')?.id).toBe('p1');
    expect(index.byArxivId('arXiv:2101.12176v1')?.id).toBe('p1');
    expect(index.byArxivId('hep-th/9901001v3')?.id).toBe('p3');
    expect(index.byArxivId('2101.12177')).toBeUndefined();
  });

  it('byTitle is exact after normalization', () => {
    expect(index.byTitle('on the origin of implicit regularization in stochastic gradient descent.')?.id).toBe('p1');
    expect(index.byTitle('String theory in $\\mathcal{N}$=4 backgrounds')?.id).toBe('p3');
    expect(index.byTitle('On the Origin of Implicit Regularization')).toBeUndefined();
  });
});

describe('PaperIndex.match', () => {
  it('matches by arXiv id first, with confidence 1', () => {
    const m = index.match(page({ arxivId: '2101.12176', version: 3, title: 'A different title on the page' }));
    expect(m).toEqual({ paper: papers[0], method: 'arxiv-id', confidence: 1 });
  });

  it('matches old-style ids', () => {
    expect(index.match(page({ arxivId: 'hep-th/9901001' }))?.paper.id).toBe('p3');
  });

  it('falls back to the normalized title; 1 with an overlapping author', () => {
    const m = index.match(
      page({
        title: 'Griffin:  mixing gated linear recurrences with local attention for efficient language models',
        authors: ['Soham De', 'Samuel L Smith', 'Anushan Fernando'],
      }),
    );
    expect(m?.paper.id).toBe('p2');
    expect(m?.method).toBe('title');
    expect(m?.confidence).toBe(1);
  });

  it('gives 0.8 for a title match without author overlap', () => {
    const m = index.match(page({ title: 'GRIFFIN: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models', authors: ['Jane Doe'] }));
    expect(m).toEqual({ paper: papers[1], method: 'title', confidence: 0.8 });
  });

  it('prefers the same-titled paper whose authors overlap (accent-insensitive)', () => {
    const m = index.match(page({ title: 'Universality of linear recurrences', authors: ['Caglar Gulcehre'] }));
    expect(m?.paper.id).toBe('p4');
    expect(m?.confidence).toBe(1);
    const other = index.match(page({ title: 'Universality of linear recurrences', authors: ['Someone Else'] }));
    expect(other?.paper.id).toBe('p5');
  });

  it('does not match unrelated or merely similar titles', () => {
    expect(index.match(page({ title: 'Attention Is All You Need', authors: ['Samuel L. Smith'] }))).toBeNull();
    expect(index.match(page({ title: 'On the Origin of Implicit Regularization', authors: ['Samuel L. Smith'] }))).toBeNull();
    expect(index.match(page({ title: '$$' }))).toBeNull();
  });
});
