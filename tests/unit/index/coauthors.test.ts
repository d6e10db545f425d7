import { describe, expect, it } from 'vitest';
import type { Author, Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';

function mk(id: string, authors: string[], date: string): Paper {
  return {
    id, title: `Paper ${id}`, authors, authorsTruncated: true, affiliations: [], categories: ['cs.LG'],
    date, abstract: '', hasCode: false, sources: ['test'],
  };
}

const papers: Paper[] = [
  mk('a', ['Samuel L. Smith', 'Soham De', 'Andrew Brock'], '2021-02-11'),
  mk('b', ['Soham De', 'Samuel L. Smith'], '2020-02-24'),
  mk('c', ['Andrew Brock', 'Soham De', 'Samuel L. Smith'], '2021-01-21'),
  mk('d', ['Samuel L. Smith', 'Erich Elsen', 'Soham De'], '2020-06-26'),
  mk('e', ['Ben Adlam', 'Jasper Snoek', 'Smith, Samuel L.'], '2020-07-31'),
  mk('f', ['Leonard Berrada', 'Soham De', 'Judy Hanwen Shen'], '2023-08-21'),
  mk('g', ['Çağlar Gülçehre', 'Soham De'], '2023-07-21'),
];
const authors: Author[] = [
  { id: 'samuel l smith', name: 'Samuel L. Smith', metrics: { hIndex: 79, papers: 19, citations: 4004 }, field: 'cs.LG' },
  { id: 'nobody paperless', name: 'Nobody Paperless' },
];
const index = PaperIndex.build({ papers, authors });

describe('PaperIndex.coauthorsOf', () => {
  it('ranks coauthors by joint papers, ties by name, with paper ids newest first', () => {
    const [smith] = index.coauthorsOf(['Samuel L. Smith']);
    expect(smith?.author).toEqual({
      id: 'samuel l smith',
      name: 'Samuel L. Smith',
      metrics: { hIndex: 79, papers: 19, citations: 4004 },
    });
    expect(smith?.coauthors.map((c) => [c.name, c.jointPapers])).toEqual([
      ['Soham De', 4],
      ['Andrew Brock', 2],
      ['Ben Adlam', 1],
      ['Erich Elsen', 1],
      ['Jasper Snoek', 1],
    ]);
    expect(smith?.coauthors[0]).toEqual({ id: 'soham de', name: 'Soham De', jointPapers: 4, paperIds: ['a', 'c', 'd', 'b'] });
  });

  it('answers per page author, skipping authors not in the dataset', () => {
    const result = index.coauthorsOf(['Soham De', 'Jane Unknown', 'Caglar Gulcehre', 'Soham  De']);
    expect(result.map((r) => r.author.id)).toEqual(['soham de', 'caglar gulcehre']);
    const de = result[0];
    expect(de?.author.metrics).toBeUndefined();
    expect('metrics' in (de?.author ?? {})).toBe(false);
    expect(de?.coauthors.map((c) => `${c.id}:${c.jointPapers}`)).toEqual([
      'samuel l smith:4', 'andrew brock:2', 'caglar gulcehre:1', 'erich elsen:1', 'judy hanwen shen:1', 'leonard berrada:1',
    ]);
    // Display name as first seen on a paper, accents kept.
    expect(result[1]?.author.name).toBe('Çağlar Gülçehre');
    expect(result[1]?.coauthors).toEqual([{ id: 'soham de', name: 'Soham De', jointPapers: 1, paperIds: ['g'] }]);
  });

  it('limits coauthors per author', () => {
    const [smith] = index.coauthorsOf(['Samuel L. Smith'], 2);
    expect(smith?.coauthors.map((c) => c.id)).toEqual(['soham de', 'andrew brock']);
  });

  it('keeps a known author without papers, with no coauthors', () => {
    expect(index.coauthorsOf(['Nobody Paperless'])).toEqual([
      { author: { id: 'nobody paperless', name: 'Nobody Paperless' }, coauthors: [] },
    ]);
    expect(index.coauthorsOf([])).toEqual([]);
  });
});

describe('a short list of coauthors (only those that can make the cut are ranked)', () => {
  // One author with 40 coauthors: joint papers 1-4, many ties, accented names
  // that sort by English collation, not code units.
  const names = Array.from({ length: 40 }, (_, i) => `${['Émile', 'Zoë', 'Ana', 'Åsa', 'bob'][i % 5]} Writer${String.fromCharCode(65 + (i % 26))}${i}`);
  const many: Paper[] = [];
  names.forEach((name, i) => {
    for (let k = 0; k <= i % 4; k++) many.push(mk(`m${i}-${k}`, ['Prolific Person', name], `20${10 + ((i * 7 + k) % 14)}-0${1 + (k % 9)}-15`));
  });
  const big = PaperIndex.build({ papers: many, authors: [] });
  const full = big.coauthorsOf(['Prolific Person'], 1000)[0]?.coauthors ?? [];

  it('the first k of the full ranking, for every k', () => {
    expect(full).toHaveLength(40);
    for (let k = 0; k <= 41; k++) expect(big.coauthorsOf(['Prolific Person'], k)[0]?.coauthors ?? [], `k=${k}`).toEqual(full.slice(0, k));
  });

  it('ranked by joint papers, then by name as English collation orders them', () => {
    expect(full.map((c) => c.jointPapers)).toEqual([...full.map((c) => c.jointPapers)].sort((a, b) => b - a));
    const fours = full.filter((c) => c.jointPapers === 4).map((c) => c.name);
    expect(fours).toEqual([...fours].sort((a, b) => a.localeCompare(b, 'en')));
    expect(fours.indexOf('Åsa WriterD3')).toBeLessThan(fours.indexOf('bob WriterT19'));
  });
});
