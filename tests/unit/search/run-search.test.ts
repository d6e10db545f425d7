import { describe, expect, test } from 'vitest';
import { datasetFromProfile } from '../../../src/dataset/default-dataset';
import { PaperIndex } from '../../../src/index/paper-index';
import { containsPhrase, nameMatches } from '../../../src/search/name-match';
import { parseQuery } from '../../../src/search/query-syntax';
import { runSearch } from '../../../src/search/run-search';
import { readFileSync } from 'node:fs';

const dataset = datasetFromProfile(readFileSync('assets/seed/samuel-l-smith.txt', 'utf8'), { id: 'seed', name: 'seed', createdAt: '1970-01-01T00:00:00.000Z' });
const index = PaperIndex.build(dataset);
const run = (input: string, limit = 50) => {
  const q = parseQuery(input);
  return runSearch(index, q.text, limit, q.filters, q.phrases);
};

describe('nameMatches / containsPhrase', () => {
  test('word prefixes in any order, initials included', () => {
    for (const q of ['smith', 's smith', 'samuel smith', 'smith samuel', 'SMITH', 'sam'])
      expect(nameMatches('Samuel L. Smith', q), q).toBe(true);
    for (const q of ['smyth', 'john smith', '', 'smith smith']) expect(nameMatches('Samuel L. Smith', q), q).toBe(false);
  });
  test('phrases are word runs; the last word may be a prefix', () => {
    expect(containsPhrase('On the Origin of Implicit Regularization', 'implicit regular')).toBe(true);
    expect(containsPhrase('On the Origin of Implicit Regularization', 'origin implicit')).toBe(false);
    expect(containsPhrase('Stochastic gradient', 'chastic')).toBe(false);
  });
});

describe('runSearch on the seed dataset', () => {
  test('au: alone lists the author\'s papers, surname only too', () => {
    const full = run('au:"soham de"');
    expect(full.length).toBeGreaterThanOrEqual(5);
    expect(full.every((h) => h.paper.authors.some((a) => nameMatches(a, 'soham de')))).toBe(true);
    const surname = run('au:ghalebikesabi');
    expect(surname.map((h) => h.paper.title)).toContain('Differentially Private Diffusion Models Generate Useful Synthetic Images');
  });

  test('filters are applied: year, category, code, title, phrase', () => {
    const all = run('learning', 200);
    expect(all.length).toBeGreaterThan(3);
    const y = run('learning y:2020-2021', 200);
    expect(y.length).toBeGreaterThan(0);
    expect(y.every((h) => ['2020', '2021'].includes(h.paper.date.slice(0, 4)))).toBe(true);
    expect(y.length).toBeLessThan(all.length);
    const ti = run('ti:gradient', 200);
    expect(ti.every((h) => /gradient/i.test(h.paper.title))).toBe(true);
    const ph = run('"implicit regularization"');
    expect(ph.length).toBeGreaterThan(0);
    expect(ph.every((h) => containsPhrase(`${h.paper.title}`, 'implicit regularization') || containsPhrase(h.paper.abstract, 'implicit regularization'))).toBe(true);
    const code = run('learning code:yes', 200);
    expect(code.every((h) => h.paper.hasCode)).toBe(true);
    const cat = run('learning cat:cs', 200);
    expect(cat.every((h) => h.paper.categories.some((c) => c.startsWith('cs.')))).toBe(true);
  });

  test('filters with no words find nothing (the popup asks for a word)', () => {
    expect(run('cat:cs.LG')).toEqual([]);
  });

  test('respects the limit', () => {
    expect(run('learning', 2)).toHaveLength(2);
    expect(run('au:smith learning', 2).length).toBeLessThanOrEqual(2);
  });
});
