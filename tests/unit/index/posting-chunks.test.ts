import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { arxivRecordToPaper } from '../../../src/import/arxiv-jsonl';
import { PaperIndex } from '../../../src/index/paper-index';
import { withPostingsApart } from '../../../src/index/posting-chunks';

const papers: Paper[] = readFileSync(resolve(__dirname, '../../fixtures/metadata/first-100.jsonl'), 'utf8').trim().split('\n').flatMap((l, i) => {
  const r = arxivRecordToPaper(JSON.parse(l), i + 1);
  return 'problem' in r ? [] : [r.paper];
});
const full = PaperIndex.build({ papers, authors: [] });

/** A snapshot of `full` read back with its postings stored apart in small chunks (none loaded yet). */
function woken() {
  const { data, abstracts } = full.snapshot();
  const { arrays, chunk, count } = withPostingsApart(data.index, 'k', 64);
  const index = PaperIndex.fromSnapshot(structuredClone({ ...data, index: arrays }), abstracts);
  return { index, chunk, count };
}

/** Answers `ask` as the service does: again after each read of what the last try missed. */
function answerLikeTheService<T>(w: ReturnType<typeof woken>, ask: (i: PaperIndex) => T): { answer: T; read: number } {
  let answer = ask(w.index);
  let read = 0;
  for (let pass = 0; pass < 5; pass++) {
    const missing = w.index.chunks.takeMissingPostings();
    if (missing.length === 0) break;
    read += missing.length;
    w.index.chunks.addPostings(missing.map((no) => ({ no, chunk: structuredClone(w.chunk(no)) })));
    answer = ask(w.index);
  }
  return { answer, read };
}

const page = papers[17] as Paper;
const questions: [string, (i: PaperIndex) => unknown][] = [
  ['search', (i) => i.search('neural networks', 10)],
  ['prefix search', (i) => i.search('quant', 10)],
  ['related', (i) => i.related({ title: page.title, abstract: page.abstract, authors: page.authors, categories: page.categories, excludeId: page.id }, 10)],
  ['match by a truncated title', (i) => i.match(truncatedPage)],
];

/** The page of `page` under an id of its month that the dataset does not know, its title cut short: a fuzzy match. */
const truncatedPage = {
  arxivId: `${page.date.slice(2, 4)}${page.date.slice(5, 7)}.99999`,
  title: page.title.split(' ').slice(0, -2).join(' '),
  authors: page.authors,
  abstract: '',
};

describe('postings stored apart, in chunks read as answers need them', () => {
  it('are cut in many chunks here, and none is in memory after the wake', () => {
    const w = woken();
    expect(w.count).toBeGreaterThan(20);
    expect(w.index.chunks.unloadedPostings()).toHaveLength(w.count);
  });

  it.each(questions)('%s: the first try notes what it misses, and once it is read the answer is the full index\'s', (_, ask) => {
    const w = woken();
    const { answer, read } = answerLikeTheService(w, ask);
    expect(answer).toEqual(ask(full));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(w.count); // only what the question walks
  });

  it('the full index matches the truncated title by its fuzzy step (so the test above walks postings)', () => {
    expect(full.match(truncatedPage)).toMatchObject({ paper: { id: page.id }, method: 'fuzzy-title' });
  });

  it('match by exact title needs no postings: the title hashes come with the snapshot', () => {
    const w = woken();
    const ask = (i: PaperIndex) => i.match({ arxivId: '9901.00001', title: page.title.toUpperCase(), authors: page.authors, abstract: '' });
    const { answer, read } = answerLikeTheService(w, ask);
    expect(answer).toEqual(ask(full));
    expect(answer).toMatchObject({ paper: { id: page.id }, method: 'title', confidence: 1 });
    expect(read).toBe(0);
  });

  it('an index without papers has no chunks, and loads', () => {
    const empty = PaperIndex.build({ papers: [], authors: [] }).snapshot();
    const { arrays, count } = withPostingsApart(empty.data.index, 'k');
    expect(count).toBe(0);
    const index = PaperIndex.fromSnapshot(structuredClone({ ...empty.data, index: arrays }));
    expect(index.search('anything', 5)).toEqual([]);
    expect(index.chunks.takeMissingPostings()).toEqual([]);
  });

  it('a chunk that does not match its checksum is refused', () => {
    const w = woken();
    const bad = structuredClone(w.chunk(3));
    bad.posts[0] = (bad.posts[0] ?? 0) + 256; // the next paper ordinal
    expect(() => w.index.chunks.addPostings([{ no: 3, chunk: bad }])).toThrow(/checksum mismatch/);
    expect(() => w.index.chunks.addPostings([{ no: 4, chunk: undefined }])).toThrow(/missing/);
  });
});
