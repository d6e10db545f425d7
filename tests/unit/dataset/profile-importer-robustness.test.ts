import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCodeUrl, parseProfile } from '../../../src/dataset/profile-importer';

const SEED = readFileSync(resolve(__dirname, '../../../assets/seed/samuel-l-smith.txt'), 'utf8');
const clean = parseProfile(SEED);

/** A small profile; line numbers in comments are what the tests rely on. */
const SMALL = [
  'Ada Lovelace', // 1
  '', // 2
  'CL', // 3
  'h-index12', // 4
  '2 Papers', // 5
  '', // 6
  'CLMar 3, 2020', // 7
  'A Study of Engines', // 8
  'Charles Babbage, Ada Lovelace', // 9
  'We study engines.', // 10
  '', // 11
  'XYDec 31, 2019Code', // 12
  'Notes on Looms', // 13
  'Joseph Jacquard', // 14
  'Looms weave. Code at https://github.com/looms/weaver.', // 15
].join('\n');

describe('parseProfile tolerates copy-paste damage', () => {
  it('reads CRLF line ends exactly like LF', () => {
    const r = parseProfile(SEED.replace(/\n/g, '\r\n'));
    expect(r.problems).toEqual([]);
    expect(r.owner).toEqual(clean.owner);
    expect(r.papers).toEqual(clean.papers);
  });

  it('reads non-breaking spaces as spaces', () => {
    const nbsp = SEED.replace(/ · /g, '\u00a0·\u00a0').replace('Aug 21, 2023', 'Aug\u00a021,\u00a02023').replace(/Samuel L\. Smith/g, 'Samuel\u00a0L.\u00a0Smith');
    const r = parseProfile(nbsp);
    expect(r.problems).toEqual([]);
    expect(r.owner.name).toBe('Samuel L. Smith');
    expect(r.papers).toEqual(clean.papers);
  });

  it('ignores extra blank lines and trailing spaces', () => {
    const r = parseProfile(SEED.replace(/\n/g, '  \n\n\n'));
    expect(r.problems).toEqual([]);
    expect(r.papers).toEqual(clean.papers);
  });

  it('accepts missing metrics without inventing any', () => {
    const text = SEED.replace(/^(h-index79|19papers|4,004citations|Novelty53%|AI Score32)\n/gm, '');
    const r = parseProfile(text);
    expect(r.problems).toEqual([]);
    expect(r.owner).toEqual({ id: 'samuel l smith', name: 'Samuel L. Smith', field: 'cs.LG' });
    expect(r.papers).toHaveLength(19);
  });

  it('reads the metrics that are there, with thousands separators', () => {
    const r = parseProfile(SEED.replace('4,004citations', '1,234,567citations').replace('AI Score32\n', ''));
    expect(r.owner.metrics).toEqual({ hIndex: 79, papers: 19, citations: 1234567, novelty: 53 });
  });

  it('reports an out-of-range metric and drops it', () => {
    const r = parseProfile(SEED.replace('Novelty53%', 'Novelty153%'));
    expect(r.owner.metrics?.novelty).toBeUndefined();
    expect(r.problems).toEqual([{ line: 7, message: expect.stringContaining('novelty') }]);
  });

  it('handles missing Code, missing affiliations, unknown codes and a complete list without the owner', () => {
    const r = parseProfile(SMALL);
    expect(r.problems).toEqual([]);
    expect(r.owner).toEqual({ id: 'ada lovelace', name: 'Ada Lovelace', field: 'cs.CL', metrics: { hIndex: 12 } });
    const [a, b] = r.papers;
    expect(a).toMatchObject({ date: '2020-03-03', categories: ['cs.CL'], authors: ['Charles Babbage', 'Ada Lovelace'], authorsTruncated: false, affiliations: [], hasCode: false, abstract: 'We study engines.' });
    expect(a?.codeUrl).toBeUndefined();
    // Not "et al." but the owner is missing: appended anyway, flag left as the source said.
    expect(b).toMatchObject({ date: '2019-12-31', categories: ['XY'], authors: ['Joseph Jacquard', 'Ada Lovelace'], authorsTruncated: false, hasCode: true, codeUrl: 'https://github.com/looms/weaver' });
    expect(r.authors.map((x) => x.id)).toEqual(['ada lovelace', 'charles babbage', 'joseph jacquard']);
  });

  it('joins wrapped lines and keeps paragraphs of a multi-paragraph abstract', () => {
    const r = parseProfile(SMALL.replace('We study engines.', 'We study\nengines.\n\n\nSecond paragraph.'));
    expect(r.papers[0]?.abstract).toBe('We study engines.\n\nSecond paragraph.');
  });

  it('reports unplaceable lines with their line numbers and keeps the rest', () => {
    const lines = SMALL.split('\n');
    lines.splice(3, 0, 'Follow'); // becomes line 4, in the metrics block
    lines.splice(9, 0, 'Show details'); // becomes line 10, between title and authors
    const r = parseProfile(lines.join('\n'));
    expect(r.problems).toEqual([
      { line: 4, message: expect.stringContaining("expected the field code (e.g. 'LG'), a metric line") },
      { line: 10, message: expect.stringContaining('expected an authors line') },
    ]);
    expect(r.owner.metrics).toEqual({ hIndex: 12 });
    expect(r.papers[0]).toMatchObject({ title: 'A Study of Engines', authors: ['Charles Babbage', 'Ada Lovelace'], abstract: 'We study engines.' });
  });

  it('reads a sentence in place of the authors line as abstract and says so', () => {
    const r = parseProfile(SMALL.replace('Charles Babbage, Ada Lovelace\n', ''));
    expect(r.problems).toEqual([{ line: 9, message: expect.stringContaining('expected an authors line') }]);
    expect(r.papers[0]).toMatchObject({ authors: ['Ada Lovelace'], authorsTruncated: true, abstract: 'We study engines.' });
  });

  it('throws, naming the problem, when there is no paper at all', () => {
    expect(() => parseProfile('Ada Lovelace\n\nCL\nh-index12\n')).toThrow(/no paper header like 'LGAug 21, 2023'/);
    expect(() => parseProfile('')).toThrow(/Not a profile/);
    expect(() => parseProfile('CLMar 3, 2020\nA Study of Engines\n')).toThrow(/researcher's name on the first line/);
  });

  it('skips a paper with a truncated date, reports its header line, and keeps its text out of the previous paper', () => {
    const r = parseProfile(SMALL.replace('XYDec 31, 2019Code', 'XYDec 31,'));
    expect(r.papers.map((p) => p.title)).toEqual(['A Study of Engines']);
    expect(r.papers[0]?.abstract).toBe('We study engines.');
    expect(r.problems).toEqual([{ line: 12, message: expect.stringMatching(/expected a date like 'Aug 21, 2023'.*Notes on Looms/) }]);
  });

  it('skips a paper whose header has no date at all, or an impossible one', () => {
    for (const header of ['XY', 'XYFeb 30, 2019']) {
      const r = parseProfile(SMALL.replace('XYDec 31, 2019Code', header).replace('XY\n', 'LG\n'));
      expect(r.papers).toHaveLength(1);
      expect(r.problems).toEqual([{ line: 12, message: expect.stringContaining('expected a date') }]);
    }
  });

  it('reports a header without a title, and a paper count that does not match the heading', () => {
    const r = parseProfile(SMALL.replace('A Study of Engines\nCharles Babbage, Ada Lovelace\nWe study engines.\n', ''));
    expect(r.papers.map((p) => p.title)).toEqual(['Notes on Looms']);
    expect(r.problems).toEqual([{ line: 7, message: expect.stringContaining('expected a title line') }]);
    const fewer = parseProfile(SMALL.replace('2 Papers', '3 Papers'));
    expect(fewer.problems).toEqual([{ line: 5, message: 'the list heading says 3 papers but 2 paper headers were found' }]);
  });

  it('reports a duplicated paper and keeps the first', () => {
    const r = parseProfile(`${SMALL}\n\nCLMar 3, 2020\nA study of engines!\nAda Lovelace\nAgain.`.replace('2 Papers', '3 Papers'));
    expect(r.papers).toHaveLength(2);
    expect(r.problems).toEqual([{ line: 17, message: expect.stringContaining('duplicate of the paper on line 7') }]);
  });
});

describe('findCodeUrl', () => {
  it('rejoins a URL broken after a slash only when a path follows', () => {
    expect(findCodeUrl('at https://github.com/a/ b/tree/x.')).toBe('https://github.com/a/b/tree/x');
    expect(findCodeUrl('see https://github.com/a/ for details')).toBeUndefined();
  });
  it('strips trailing punctuation and ignores non-https links', () => {
    expect(findCodeUrl('(code: https://github.com/a/b), more')).toBe('https://github.com/a/b');
    expect(findCodeUrl('code: http://github.com/a/b')).toBeUndefined();
    expect(findCodeUrl('no link here')).toBeUndefined();
  });
});
