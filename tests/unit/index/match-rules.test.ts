/**
 * The fuzzy-title rules on real records from the sample
 * (tests/fixtures/metadata/match-siblings.jsonl): reworded titles of a paper
 * are found, sibling papers of the same group are refused. The indexed papers
 * have no arXiv id (as profile papers), so matching must go through titles.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PageInfo } from '../../../src/arxiv/page-info';
import type { Paper } from '../../../src/dataset/schema';
import { arxivRecordToPaper } from '../../../src/import/arxiv-jsonl';
import { authorMatchKey, stem } from '../../../src/index/match';
import { PaperIndex, POSSIBLE_MATCH_BELOW } from '../../../src/index/paper-index';

const DIR = resolve(__dirname, '../../fixtures/metadata');
function papersOf(file: string): Paper[] {
  return readFileSync(resolve(DIR, file), 'utf8').trim().split('\n').map((l, i) => {
    const r = arxivRecordToPaper(JSON.parse(l), i + 1);
    if ('problem' in r) throw new Error(r.problem.message);
    return r.paper;
  });
}
const records = papersOf('match-siblings.jsonl');
const byId = (id: string): Paper => {
  const p = records.find((r) => r.arxivId === id);
  if (!p) throw new Error(`fixture lacks ${id}`);
  return p;
};
// Indexed: one paper of each family, without arXiv ids; 100 unrelated real papers around them.
const INDEXED = ['2503.14749', '2503.15404', '2504.08616', '2504.21154', '2506.18532', '2507.14454', '2510.13848', '2507.23416'];
const index = PaperIndex.build({
  papers: [...papersOf('first-100.jsonl'), ...INDEXED.map((id) => ({ ...byId(id), arxivId: undefined }))],
  authors: [],
});
const page = (arxivId: string, title: string, authors: readonly string[]): PageInfo => ({ arxivId, title, authors: [...authors], abstract: '' });
/** The page of a real record that is NOT indexed: its own id, title and authors. */
const realPage = (id: string): PageInfo => page(id, byId(id).title, byId(id).authors);
const initials = (name: string) => name.split(' ').map((p, i, all) => (i < all.length - 1 ? `${p[0]}.` : p)).join(' ');

describe('fuzzy title: a reworded title of the same paper', () => {
  const paper = byId('2503.14749'); // Uncertainty Distillation: Teaching Language Models to Express Semantic Confidence
  const reworded = 'Uncertainty Distillation: Language Models Expressing Semantic Confidence';

  it('is a possible match when the authors and the month agree', () => {
    const m = index.match(page('2503.14749', reworded, paper.authors));
    expect(m?.paper.id).toBe(paper.id);
    expect(m?.method).toBe('fuzzy-title');
    expect(m?.confidence).toBeGreaterThan(0.5);
    expect(m?.confidence).toBeLessThan(POSSIBLE_MATCH_BELOW);
  });

  it('is found with the authors written as initials', () => {
    expect(index.match(page('2503.14749', reworded, paper.authors.map(initials)))?.paper.id).toBe(paper.id);
  });

  it('is definite when only the word order changed', () => {
    const p = byId('2503.15404'); // Improving Adversarial Transferability on Vision Transformers via Forward Propagation Refinement
    const m = index.match(page('2503.15404', 'Improving Adversarial Transferability via Forward Propagation Refinement on Vision Transformers', p.authors));
    expect(m?.paper.id).toBe(p.id);
    expect(m?.confidence).toBeGreaterThanOrEqual(POSSIBLE_MATCH_BELOW);
  });

  it('is definite with a typo', () => {
    const p = byId('2504.08616');
    const m = index.match(page('2504.08616', p.title.replace('Accuracy', 'Acuracy'), p.authors));
    expect(m?.paper.id).toBe(p.id);
    expect(m?.confidence).toBeGreaterThanOrEqual(POSSIBLE_MATCH_BELOW);
  });

  it('needs every author when the paper is dated long after the id month, and is then only possible', () => {
    // The id says 2024-04; the paper is dated 2025-03 (a late version, a journal date).
    const late = index.match(page('2404.14749', reworded, paper.authors));
    expect(late?.paper.id).toBe(paper.id);
    expect(late?.confidence).toBeLessThan(POSSIBLE_MATCH_BELOW);
    expect(index.match(page('2404.14749', reworded, paper.authors.slice(0, 3)))).toBeNull();
  });

  it('is refused when the paper is dated before the id month, or when the author lists differ', () => {
    expect(index.match(page('2506.14749', reworded, paper.authors))).toBeNull();
    expect(index.match(page('2503.14749', reworded, [paper.authors[0] ?? '', 'Jane Doe', 'John Roe', 'Ann Poe']))).toBeNull();
  });
});

describe('fuzzy title: real papers of the same group are refused', () => {
  it.each([
    ['2504.21166', 'same four authors, same month: "Dance Style Recognition" vs "Emotion Recognition in Contemporary Dance"'],
    ['2508.00361', 'same two authors, same month: "Honey Classification" vs "Honey Adulteration Detection"'],
    ['2505.21137', 'same five authors, the indexed title inside the page\'s: "Scaling and Prompting for Improved End-to-End ..."'],
    ['2507.19374', 'four of five authors: "Data Augmentation for Spoken GEC" vs "End-to-End Spoken GEC"'],
  ])('%s: %s', (id) => {
    expect(index.match(realPage(id))).toBeNull();
  });
});

describe('fuzzy title: near-duplicate titles of different papers are refused', () => {
  it('a title that is the head of an indexed title, but 4 of 7 authors', () => {
    // "Adaptive 3D Gaussian Splatting Video Streaming" vs the indexed "...: Visual Saliency-Aware Tiling and ...".
    expect(index.match(realPage('2507.14432'))).toBeNull();
  });

  it('nearly the same words, 6 of 13 authors', () => {
    // "Efficient Compositional Multi-tasking for On-device LLMs" vs "On-device System of Compositional Multi-tasking in LLMs".
    expect(index.match(realPage('2507.16083'))).toBeNull();
  });
});

describe('match helpers', () => {
  it('stems a word and its generated plural or singular alike', () => {
    for (const [a, b] of [['images', 'image'], ['advanced', 'advanceds'], ['large', 'larges'], ['consistency', 'consistencys'], ['studies', 'study'], ['networks', 'network']]) {
      expect(stem(a ?? '')).toBe(stem(b ?? ''));
    }
    expect(stem('model')).not.toBe(stem('modal'));
  });

  it('keys authors by first initial and last surname word: initials, particles, "Last, First"', () => {
    expect(authorMatchKey('Omar Rashid Hamdan Al Badi')).toBe(authorMatchKey('O. R. H. A. Badi'));
    expect(authorMatchKey('Jan van der Berg')).toBe(authorMatchKey('J. Berg'));
    expect(authorMatchKey('Smith, Samuel L.')).toBe(authorMatchKey('S. L. Smith'));
    expect(authorMatchKey('Soham De')).toBe('s de');
    expect(authorMatchKey('Samuel Smith')).not.toBe(authorMatchKey('Samuel Smyth'));
  });
});
