import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arxivRecordToPaper } from '@/src/import/arxiv-jsonl';
import { isPlainAscii } from '@/src/index/normalize';
import { paperEvidence, queryPairs, similarLabels } from '@/src/index/reasons';
import { terms } from '@/src/index/tokenize';

/** 100 real arXiv records (tests/fixtures/metadata/README.md). */
const papers = readFileSync('tests/fixtures/metadata/first-100.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l, i) => {
    const r = arxivRecordToPaper(JSON.parse(l), i + 1);
    if ('problem' in r) throw new Error(r.problem.message);
    return r.paper;
  });

/** A query vector over every term of the query (weights need not be real here: the labels only compare them). */
function queryOf(p: { title: string; abstract: string }) {
  const qVec = new Map<string, number>();
  for (const t of [...terms(p.title), ...terms(p.abstract)]) qVec.set(t, 1 + t.length / 10);
  return { qVec, qIdf: new Map([...qVec.keys()].map((t) => [t, 1])), qPairs: queryPairs(p) };
}

describe('the "similar: …" evidence of a related paper', () => {
  it('is the same from the one-pass scan of plain ASCII text as from the general tokenizer', () => {
    // A trailing " é" makes a text non-ASCII, so it takes the general path;
    // it normalizes to a single letter, which tokenize drops: same tokens.
    const general = (p: { title: string; abstract: string }) => ({ title: `${p.title} é`, abstract: `${p.abstract} é` });
    const ascii = papers.filter((p) => isPlainAscii(p.title) && isPlainAscii(p.abstract));
    expect(ascii.length).toBeGreaterThan(50);
    let pairsFound = 0;
    for (const [i, query] of ascii.slice(0, 20).entries()) {
      const { qVec, qIdf, qPairs } = queryOf(query);
      for (const doc of [query, ...ascii.slice(i + 1, i + 30)]) {
        const fast = paperEvidence(qPairs, qVec, qIdf, doc);
        const slow = paperEvidence(qPairs, qVec, qIdf, general(doc));
        expect(fast.dVec).toEqual(slow.dVec);
        expect([...fast.pairs].sort()).toEqual([...slow.pairs].sort());
        expect(similarLabels(qPairs, qVec, fast)).toEqual(similarLabels(qPairs, qVec, slow));
        pairsFound += fast.pairs.size;
      }
    }
    expect(pairsFound).toBeGreaterThan(100); // real phrases were compared, not only empty sets
  });

  it('finds phrases within a sentence and never across punctuation or a stopword', () => {
    const query = { title: 'Gradient descent for batch size', abstract: 'We study stochastic gradient descent (SGD) and the learning rate.' };
    const { qVec, qIdf, qPairs } = queryOf(query);
    const doc = { title: 'On the learning rate', abstract: 'SGD with a batch of size 8; stochastic gradient (descent) varies. Gradient, descent.' };
    const { pairs } = paperEvidence(qPairs, qVec, qIdf, doc);
    // "gradient descent" only across a parenthesis or a comma, "batch size" across a stopword ("of").
    expect([...pairs].sort()).toEqual(['learning rate', 'stochastic gradient']);
    expect(similarLabels(qPairs, qVec, paperEvidence(qPairs, qVec, qIdf, doc))).toContain('learning rate');
    const { pairs: split } = paperEvidence(qPairs, qVec, qIdf, { title: 'Learning. Rate', abstract: 'stochastic; gradient' });
    expect(split.size).toBe(0);
  });
});
