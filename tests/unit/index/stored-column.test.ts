import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { buildPaperColumns } from '../../../src/index/paper-columns-builder';
import { PaperColumns, storedPaperColumns } from '../../../src/index/paper-columns';
import { dateNumber, dateOfNumber } from '../../../src/index/topk';
import { cell, columnChecksum, columnFits, list, listChecksum, listFits, packLists, packStrings, PART, storedColumn, storedList } from '../../../src/index/columns';

describe('a column as the snapshot stores it (storedColumn)', () => {
  // Items cut from one line that holds a character above Latin-1, as an
  // author list is: V8 keeps every piece two bytes per character.
  const line = Array.from({ length: PART + 500 }, (_, i) => (i % 997 === 0 ? `Łukasz Dębowski ${i}` : i % 1499 === 0 ? `量子 🧪 a\u0001b ${i}` : `Author Number ${i}`)).join('|');
  const values = line.split('|');
  const column = packStrings(values);
  const stored = storedColumn(structuredClone(column));

  it('reads back every item exactly, and fits and checks as a column', () => {
    expect(values.every((v, i) => cell(stored, i) === v)).toBe(true);
    expect(columnFits(stored, values.length)).toBe(true);
    expect(columnChecksum(stored)).not.toBe(columnChecksum(column));
  });

  it('is stored one byte per character (structured clone size), where the packed column took two', () => {
    const bytes = (parts: string[]) => parts.reduce((n, p) => n + serialize(p).length, 0);
    const chars = stored.parts.reduce((n, p) => n + p.length, 0);
    expect(bytes(column.parts)).toBeGreaterThan(1.9 * column.parts.reduce((n, p) => n + p.length, 0));
    expect(bytes(stored.parts)).toBeLessThan(chars + 64);
  });
});

describe('a list as the snapshot stores it (storedList)', () => {
  // Per paper: its categories (a few hundred names, repeated) and its source
  // (one dataset name for all): what the 1M snapshot spent 40 MB on.
  const names = ['cs.LG', 'stat.ML', 'hep-th', 'math.AP', 'q-bio.NC', 'cond-mat.str-el', 'astro-ph.GA', 'über.Ä'];
  const lists = Array.from({ length: 3 * PART + 7 }, (_, i) => names.filter((_, k) => (i + k) % (k + 2) === 0));
  const column = packLists(lists);

  it('stores few distinct items once each, with a code per item, and reads every list back', () => {
    const stored = storedList(structuredClone(column));
    expect(stored.codes).toBeInstanceOf(Uint16Array);
    expect(stored.items.e.length).toBeLessThanOrEqual(names.length);
    expect(lists.every((l, i) => JSON.stringify(list(stored, i)) === JSON.stringify(l))).toBe(true);
    expect(listFits(stored, lists.length)).toBe(true);
    expect(storedList(stored)).toEqual(stored); // storing again changes nothing
    const copy = structuredClone(stored);
    copy.codes?.set([1], copy.codes.length - 1); // the last item, another name
    expect(listChecksum(copy)).not.toBe(listChecksum(stored));
  });

  it('keeps a list of mostly distinct items (author names) as it is', () => {
    const authors = Array.from({ length: 2000 }, (_, i) => [`Author ${i}`, `Coauthor ${i % 700}`]);
    const stored = storedList(packLists(authors));
    expect(stored.codes).toBeUndefined();
    expect(authors.every((l, i) => JSON.stringify(list(stored, i)) === JSON.stringify(l))).toBe(true);
  });
});

describe('paper dates as the snapshot stores them', () => {
  it('a date is its date number written out; a column of such dates is left out and read back from the numbers', () => {
    for (const date of ['2021-03-04', '1999-12-31', '0999-01-09', '2026-11-30']) expect(dateOfNumber(dateNumber(date))).toBe(date);
    const papers = Array.from({ length: 50 }, (_, i): Paper => ({
      id: `p${i}`, title: `Paper ${i}`, authors: ['A B'], authorsTruncated: false, affiliations: [], categories: ['cs.LG'],
      date: `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`, abstract: '', hasCode: false, sources: ['t'],
    }));
    const stored = storedPaperColumns(buildPaperColumns(papers).data);
    expect(stored.dates).toBeUndefined();
    expect(stored.datesFromNumbers).toBe(true);
    const back = PaperColumns.fromData(structuredClone(stored));
    expect(papers.map((_, i) => back.date(i))).toEqual(papers.map((p) => p.date));
    // One date that is not "YYYY-MM-DD" keeps the column.
    const odd = storedPaperColumns(buildPaperColumns([...papers, { ...(papers[0] as Paper), id: 'odd', date: '2021' }]).data);
    expect(odd.dates).toBeDefined();
    expect(PaperColumns.fromData(structuredClone(odd)).date(50)).toBe('2021');
  });
});
