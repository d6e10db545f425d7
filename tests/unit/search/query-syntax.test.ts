import { describe, expect, test } from 'vitest';
import { isEmptyQuery, normalizeCategory, parseQuery, parseYears, splitPieces } from '../../../src/search/query-syntax';

describe('parseQuery', () => {
  test('plain words search everything', () => {
    expect(parseQuery('implicit  regularization ')).toEqual({ text: 'implicit regularization', filters: {}, phrases: [] });
  });

  test('every filter at once', () => {
    const q = parseQuery('au:"Soham De" ti:resnet cat:cs.lg y:2020-2023 code:yes "batch norm" scaling');
    expect(q.filters).toEqual({ author: 'Soham De', title: ['resnet'], category: 'cs.LG', yearFrom: 2020, yearTo: 2023, hasCode: true });
    expect(q.phrases).toEqual(['batch norm']);
    expect(q.text).toBe('scaling batch norm resnet');
    expect(q.errors).toBeUndefined();
  });

  test('long key names and case do not matter', () => {
    expect(parseQuery('AUTHOR:smith Year:2021 Category:CS').filters).toEqual({ author: 'smith', yearFrom: 2021, yearTo: 2021, category: 'cs' });
  });

  test('half-typed filters are not errors and search nothing yet', () => {
    for (const s of ['au:', 'au:"', 'y:20', 'code:y', 'cat:', '""']) {
      const q = parseQuery(s);
      expect(q.errors, s).toBeUndefined();
    }
    expect(isEmptyQuery(parseQuery('au:'))).toBe(true);
    expect(isEmptyQuery(parseQuery('au:"'))).toBe(true);
  });

  test('an unclosed quote runs to the end while typing', () => {
    expect(parseQuery('au:"soham d').filters.author).toBe('soham d');
    expect(parseQuery('"deep lear').phrases).toEqual(['deep lear']);
  });

  test('values that mean nothing are reported once the user moved on; the rest still runs', () => {
    const q = parseQuery('y:20x code:maybe cat:c++ diffusion');
    expect(q.errors).toHaveLength(3);
    expect(q.text).toBe('diffusion');
    expect(q.filters).toEqual({});
  });

  test('unknown keys and URLs stay text', () => {
    expect(parseQuery('re:sampling').text).toBe('re sampling');
    expect(parseQuery('https://arxiv.org').filters).toEqual({});
  });

  test('a second author narrows through the text', () => {
    const q = parseQuery('au:smith au:de');
    expect(q.filters.author).toBe('smith');
    expect(q.text).toBe('de');
  });

  test('title phrase', () => {
    expect(parseQuery('ti:"language model"').filters.title).toEqual(['language model']);
  });

  test('only filters: not empty, but no text', () => {
    const q = parseQuery('cat:cs.CV y:2024');
    expect(q.text).toBe('');
    expect(isEmptyQuery(q)).toBe(false);
  });
});

describe('parseYears', () => {
  test.each([
    ['2021', { yearFrom: 2021, yearTo: 2021 }],
    ['2020-2023', { yearFrom: 2020, yearTo: 2023 }],
    ['2020..2023', { yearFrom: 2020, yearTo: 2023 }],
    ['2020–2023', { yearFrom: 2020, yearTo: 2023 }],
    ['2020-', { yearFrom: 2020 }],
    ['-2019', { yearTo: 2019 }],
    ['2023-2020', { yearFrom: 2020, yearTo: 2023 }],
  ])('%s', (raw, want) => expect(parseYears(raw)).toEqual(want));

  test.each(['', '-', '20', '20202021', 'abcd', '2020-20'])('rejects %j', (raw) => expect(parseYears(raw)).toBeNull());
});

describe('normalizeCategory', () => {
  test.each([
    ['cs.lg', 'cs.LG'],
    ['CS', 'cs'],
    ['stat.ml', 'stat.ML'],
    ['q-bio.nc', 'q-bio.NC'],
    ['physics.Optics', 'physics.optics'],
    ['cond-mat.mes-hall', 'cond-mat.mes-hall'],
    ['hep-th', 'hep-th'],
  ])('%s -> %s', (raw, want) => expect(normalizeCategory(raw)).toBe(want));

  test.each(['c++', 'cs.', '.LG', 'cs.LG.x', '12'])('rejects %j', (raw) => expect(normalizeCategory(raw)).toBeNull());
});

describe('splitPieces', () => {
  test('keys, quotes and bare words', () => {
    expect(splitPieces('au:"a b" x ti:y "p q"')).toEqual([
      { key: 'au', value: 'a b', quoted: true },
      { value: 'x', quoted: false },
      { key: 'ti', value: 'y', quoted: false },
      { value: 'p q', quoted: true },
    ]);
  });
  test('a key waiting for its value', () => {
    expect(splitPieces('au: smith')).toEqual([
      { key: 'au', value: '', quoted: false },
      { value: 'smith', quoted: false },
    ]);
  });
});
