import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Paper } from '@/src/dataset/schema';
import { arxivRecordToPaper } from '@/src/import/arxiv-jsonl';
import { IndexBuilder } from '@/src/index/build';
import { VocabOrder } from '@/src/index/vocab-order';
import { compareTerms } from '@/src/index/term-index';
import { prng } from '../../support/prng';

function jsonl(file: string): Paper[] {
  return readFileSync(`tests/fixtures/metadata/${file}`, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .flatMap((line, i) => {
      const r = arxivRecordToPaper(JSON.parse(line) as unknown, i + 1);
      return 'problem' in r ? [] : [r.paper];
    });
}

// Names alike in their first characters, non-ASCII ones among them (a prefix key must not order those by what follows).
const PIECES = ['12', 'μm', 'βσ', 'β', 'a', 'ab', 'abc', 'z', '0', '9', 'é', 'ε', '中', 'x\u0301', '~', '\u007f', '-', '.', '#', '_', 'A', '{', '|', 'deep', 'learn', 'ing'];
const randomName = (rand: () => number): string => Array.from({ length: 1 + Math.floor(rand() * 5) }, () => PIECES[Math.floor(rand() * PIECES.length)] ?? '').join('');

describe('VocabOrder', () => {
  it('orders the vocabulary as one stable sort of it does, however often it is updated', () => {
    const rand = prng(13);
    const names = Array.from({ length: 3000 }, () => randomName(rand));
    expect(new Set(names).size).toBeLessThan(names.length); // equal names too: they go by id
    const df = Uint32Array.from(names, () => (rand() < 0.2 ? 0 : 1));
    const ids = names.map((_, id) => id).filter((id) => (df[id] ?? 0) > 0);
    const expected = [...ids].sort((a, b) => compareTerms(names[a] ?? '', names[b] ?? ''));
    for (const step of [1, 17, 500, 3000]) {
      const order = new VocabOrder();
      for (let n = 0; n < names.length; n += step) order.update(names.slice(0, n));
      expect(order.order(names, df), `updated every ${step} names`).toEqual(expected);
    }
  });
});

describe('IndexBuilder.prepareFinish', () => {
  // Real records, TeX and non-ASCII titles among them, and made-up ones whose terms sort only past their first characters.
  const rand = prng(21);
  const made = Array.from({ length: 60 }, (_, i): Paper => ({
    id: `made:${i}`, title: `${randomName(rand)} ${randomName(rand)}`, abstract: Array.from({ length: 12 }, () => randomName(rand)).join(' '),
    authors: [`${randomName(rand)} Smith`], authorsTruncated: false, affiliations: [], categories: ['cs.LG'], date: '2021-01-01', hasCode: false, sources: ['test'],
  }));
  const papers = [...jsonl('first-100.jsonl'), ...jsonl('tex-titles.jsonl'), ...made];
  // Later versions of some papers, as a merge makes them: other words, other authors.
  const changed = (p: Paper, k: number): Paper => ({ ...p, title: `${p.title} revised ${k}`, abstract: k % 2 ? '' : `${p.abstract} ${PIECES[k % PIECES.length] ?? ''}${k}`, authors: [...p.authors.slice(1), 'New Author'] });

  /** Adds the papers, replacing after paper `at` the ordinals listed; prepareFinish every `every` papers (0: never). */
  const build = (every: number, replaces: Map<number, number[]>) => {
    const b = new IndexBuilder();
    papers.forEach((p, i) => {
      b.add(p);
      for (const ord of replaces.get(i) ?? []) b.replace(ord, changed(papers[ord] as Paper, i));
      if (every > 0 && (i + 1) % every === 0) b.prepareFinish();
    });
    const { terms, graph } = b.finish([]);
    return { vocab: [...terms.vocab], offsets: terms.offsets, posts: terms.posts, docCount: terms.docCount, graph };
  };

  it('gives the index a build never prepared gives', () => {
    const once = build(0, new Map());
    expect(once.vocab.length).toBeGreaterThan(3000);
    for (const every of [1, 7, 40, papers.length]) expect(build(every, new Map()), `every ${every}`).toEqual(once);
  });

  it('gives it too with papers replaced: in a batch already made, since, and twice', () => {
    const n = papers.length;
    // After paper i, replace these ordinals (below i): early ones (in made batches), recent ones (not yet), one twice, one after the last batch.
    const replaces = new Map([[30, [3, 29]], [90, [3, 50, 89]], [150, [120, 10]], [n - 1, [5, n - 2, 10]]]);
    const once = build(0, replaces);
    expect(build(0, new Map())).not.toEqual(once);
    for (const every of [1, 7, 40, n]) expect(build(every, replaces), `every ${every}`).toEqual(once);
  });
});
