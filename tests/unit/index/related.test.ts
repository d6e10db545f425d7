import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { recencyBonus, RELATED_WEIGHTS } from '../../../src/index/related';
import { dateMs, dateNumber } from '../../../src/index/topk';
import type { RelatedQuery } from '../../../src/index/types';

function mk(id: string, title: string, authors: string[], abstract: string, categories: string[], date = '2020-01-01'): Paper {
  return { id, title, authors, authorsTruncated: false, affiliations: [], categories, date, abstract, hasCode: false, sources: ['test'] };
}

const Q_TITLE = "Don't Decay the Learning Rate, Increase the Batch Size";
const Q_ABSTRACT =
  'It is common practice to decay the learning rate. Here we show one can usually obtain the same learning curve ' +
  'by instead increasing the batch size during training. We reach equivalent test accuracies with fewer parameter updates.';

const papers: Paper[] = [
  mk('q0', Q_TITLE, ['Samuel L. Smith', 'Pieter-Jan Kindermans', 'Quoc V. Le'], Q_ABSTRACT, ['cs.LG'], '2017-11-01'),
  mk('dup', "Don't decay the learning rate, increase the batch size.", ['Samuel L. Smith'], Q_ABSTRACT, ['cs.LG'], '2018-02-01'),
  mk('bayes', 'A Bayesian Perspective on Generalization and Stochastic Gradient Descent', ['Samuel L. Smith', 'Quoc V. Le'],
    'We show that there is an optimum batch size which maximizes the test accuracy when the learning rate is fixed.', ['cs.LG'], '2017-10-17'),
  mk('scaling', 'Scaling the Learning Rate with the Batch Size', ['Priya Goyal', 'Kaiming He'],
    'The learning rate should scale linearly with the batch size. Large batch size training with a warmup of the learning rate ' +
    'keeps test accuracies while reducing parameter updates.', ['cs.LG'], '2017-06-08'),
  mk('nfnet', 'High-Performance Large-Scale Image Recognition Without Normalization', ['Andrew Brock', 'Soham De', 'Samuel L. Smith'],
    'Batch normalization is a key component of most image classification models. We develop adaptive gradient clipping.', ['cs.CV'], '2021-02-11'),
  mk('rl', 'Batch Size in Off-Policy Reinforcement Learning', ['Alice Agent'],
    'We study the batch size of replay sampling in reinforcement learning agents.', ['cs.AI'], '2019-05-01'),
  mk('posterior', 'Cold Posteriors and Aleatoric Uncertainty', ['Ben Adlam', 'Jasper Snoek'],
    'Recent work has observed that one can outperform exact inference in Bayesian neural networks by tuning a temperature.', ['cs.LG'], '2020-07-31'),
  mk('protein', 'Protein Folding with Graph Networks', ['Carol Chem'],
    'We predict protein structures from amino acid sequences.', ['q-bio.BM'], '2020-03-01'),
];
const index = PaperIndex.build({ papers, authors: [] });

const query: RelatedQuery = {
  title: Q_TITLE,
  abstract: Q_ABSTRACT,
  authors: ['Samuel L. Smith', 'Pieter-Jan Kindermans', 'Quoc V. Le'],
  categories: ['cs.LG', 'stat.ML'],
  excludeId: 'q0',
};

describe('PaperIndex.related', () => {
  const related = index.related(query);
  const ids = related.map((r) => r.paper.id);

  it('ranks shared authors + similar text first, then near-identical text, then a lone shared author', () => {
    expect(ids).toEqual(['bayes', 'scaling', 'nfnet', 'rl']);
  });

  it('excludes excludeId and the paper with the same normalized title', () => {
    expect(ids).not.toContain('q0');
    expect(ids).not.toContain('dup');
  });

  it('drops papers sharing only the category, or nothing', () => {
    expect(ids).not.toContain('posterior');
    expect(ids).not.toContain('protein');
  });

  it('explains each result', () => {
    const reasons = Object.fromEntries(related.map((r) => [r.paper.id, r.reasons]));
    expect(reasons.bayes).toEqual(['2 shared authors', 'similar: learning rate, batch size, test', 'same category (cs.LG)']);
    expect(reasons.scaling).toEqual(['similar: learning rate, batch size, parameter updates', 'same category (cs.LG)']);
    expect(reasons.nfnet?.[0]).toBe('shared author: Samuel L. Smith');
    expect(reasons.nfnet).not.toContain('same category (cs.LG)');
    expect(reasons.rl).toEqual(['similar: batch size, learning']);
  });

  it('scores are positive and descending', () => {
    const scores = related.map((r) => r.score);
    expect(scores.every((s) => s > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    // 2 shared authors + category + some similarity
    expect(related[0]?.score).toBeGreaterThan(2 * RELATED_WEIGHTS.author + RELATED_WEIGHTS.category);
  });

  it('respects the limit', () => {
    expect(index.related(query, 2).map((r) => r.paper.id)).toEqual(['bayes', 'scaling']);
    expect(index.related(query, 0)).toEqual([]);
  });

  it('works for a page that is not in the dataset (no excludeId)', () => {
    const ids2 = index
      .related({ title: 'Learning rate warmup for large batch size training', abstract: '', authors: ['Nobody Known'], categories: [] })
      .map((r) => r.paper.id);
    expect(ids2[0]).toBe('scaling');
    expect(ids2).not.toContain('protein');
    expect(index.related({ title: 'Zebra', abstract: 'xylophone', authors: [], categories: ['cs.LG'] })).toEqual([]);
  });
});

describe('a ranking asked again (a woken worker answers twice)', () => {
  // Each variant changes one input the ranking depends on; asked in turn on
  // one index, each must get what a fresh index gives it.
  const variants: [string, RelatedQuery][] = [
    ['the query', query],
    ['other authors', { ...query, authors: ['Priya Goyal'] }],
    ['another category', { ...query, categories: ['cs.AI'] }],
    ['another paper excluded', { ...query, excludeId: 'bayes' }],
    ['the abstract alone changed', { ...query, abstract: 'We study replay sampling in reinforcement learning agents.' }],
  ];
  const fresh = (q: RelatedQuery, limit = 10) => PaperIndex.build({ papers, authors: [] }).related(q, limit);

  it('gives each query its own answer, however they alternate', () => {
    const shared = PaperIndex.build({ papers, authors: [] });
    for (const [name, q] of variants) {
      expect(shared.related(query), name).toEqual(fresh(query));
      expect(shared.related(q), name).toEqual(fresh(q));
    }
    expect(shared.related(query, 2)).toEqual(fresh(query, 2));
    const idsOf = (q: RelatedQuery) => shared.related(q).map((r) => r.paper.id);
    expect(new Set(variants.map(([, q]) => idsOf(q).join())).size).toBeGreaterThan(2);
  });

  it('the same words in other punctuation and case rank the same', () => {
    const loud = { ...query, title: Q_TITLE.toUpperCase().replace(/,/g, ';') };
    expect(index.related(loud).map((r) => [r.paper.id, r.score])).toEqual(fresh(query).map((r) => [r.paper.id, r.score]));
  });
});

describe('recencyBonus', () => {
  it('is full for the newest paper and fades over 10 years', () => {
    expect(recencyBonus('2024-01-01', '2024-01-01')).toBeCloseTo(RELATED_WEIGHTS.recency, 10);
    expect(recencyBonus('2024-01-01', '2019-01-01')).toBeCloseTo(RELATED_WEIGHTS.recency / 2, 3);
    expect(recencyBonus('2024-01-01', '2001-01-01')).toBe(0);
  });
});

describe('dateMs (a date from its number, as Date.parse reads it)', () => {
  it('agrees with Date.parse on every day of 1890-2110, and on strings that are no day', () => {
    const dates: string[] = [];
    for (let t = Date.UTC(1890, 0, 1); t <= Date.UTC(2110, 11, 31); t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
    dates.push('2021-02-29', '2020-02-30', '2020-13-01', '2020-00-10', '2020-04-31', '0050-01-01', '0099-12-31', '1900-02-29', '2000-02-29');
    const differ = dates.filter((d) => !Object.is(dateMs(dateNumber(d), () => d), Date.parse(d)));
    expect(differ).toEqual([]);
  });
});

describe('a short list is the head of a long one (candidates that cannot make it are skipped)', () => {
  it('holds for every paper of a real slice as the query', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const { arxivRecordToPaper } = await import('../../../src/import/arxiv-jsonl');
    const slice = readFileSync(resolve(__dirname, '../../fixtures/metadata/first-100.jsonl'), 'utf8').trim().split('\n').flatMap((l, i) => {
      const r = arxivRecordToPaper(JSON.parse(l), i + 1);
      return 'problem' in r ? [] : [r.paper];
    });
    const real = PaperIndex.build({ papers: slice, authors: [] });
    let compared = 0;
    for (const p of slice) {
      const q: RelatedQuery = { title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id };
      const long = real.related(q, 40);
      for (const k of [1, 3, 8]) expect(real.related(q, k), `${p.id} k=${k}`).toEqual(long.slice(0, k));
      compared += long.length > 3 ? 1 : 0;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
