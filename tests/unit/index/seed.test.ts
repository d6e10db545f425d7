// The index over the real seed profile (via the profile importer). The core
// behaviour is tested on hand-built corpora in the other files; this checks
// the examples the sidebar and popup are specified with.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../../src/dataset/profile-importer';
import { PaperIndex } from '../../../src/index/paper-index';

const seed = parseProfile(readFileSync(resolve(__dirname, '../../../assets/seed/samuel-l-smith.txt'), 'utf8'));
const index = PaperIndex.build(seed);
const titles = (q: string) => index.search(q).map((h) => h.paper.title);

describe('index over the Samuel L. Smith seed', () => {
  it('indexes all 19 papers', () => {
    expect(index.size).toBe(19);
    expect(index.author('Samuel L. Smith')?.metrics?.hIndex).toBe(79);
  });

  it('searches as specified', () => {
    expect(index.search('smith').length).toBeGreaterThanOrEqual(10);
    expect(titles('griffin')).toEqual([
      'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models',
    ]);
    expect(titles('implicit reg')[0]).toBe('On the Origin of Implicit Regularization in Stochastic Gradient Descent');
    expect(titles('gülçehre')).toEqual([
      'Universality of Linear Recurrences Followed by Non-linear Projections: Finite-Width Guarantees and Benefits of Complex Eigenvalues',
    ]);
  });

  it('matches an arXiv page by title (the seed has no arXiv ids)', () => {
    const m = index.match({
      arxivId: '1711.00489',
      version: 2,
      title: "Don't Decay the Learning Rate, Increase the Batch Size",
      authors: ['Samuel L. Smith', 'Pieter-Jan Kindermans', 'Chris Ying', 'Quoc V. Le'],
      abstract: '',
    });
    expect(m?.method).toBe('title');
    expect(m?.confidence).toBe(1);
  });

  it('finds related papers about batch size and learning rate', () => {
    const p = index.byTitle("Don't Decay the Learning Rate, Increase the Batch Size");
    expect(p).toBeDefined();
    if (!p) return;
    const related = index.related({ title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id }, 5);
    expect(related).toHaveLength(5);
    expect(related.map((r) => r.paper.id)).not.toContain(p.id);
    expect(related[0]?.reasons).toContain('similar: batch size, learning rate, hyper parameter');
    expect(related[0]?.paper.title).toMatch(/^The Effect of Network Width/);
  });

  it('lists Soham De as the most frequent coauthor', () => {
    const [smith] = index.coauthorsOf(['Samuel L. Smith']);
    expect(smith?.coauthors[0]?.name).toBe('Soham De');
    expect(smith?.coauthors[0]?.jointPapers).toBe(8);
  });
});
