import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../../src/dataset/profile-importer';
import { PaperSchema, type Author, type Paper } from '../../../src/dataset/schema';
import { arxivRecordToPaper } from '../../../src/import/arxiv-jsonl';
import { mergeAuthors, mergePapers } from '../../../src/import/merge';

const ROOT = resolve(__dirname, '../../..');
const seed = parseProfile(readFileSync(resolve(ROOT, 'assets/seed/samuel-l-smith.txt'), 'utf8'), { source: 'seed:samuel-l-smith' });

function fromFixture(name: string): { papers: Paper[]; authors: Author[] } {
  const out = { papers: [] as Paper[], authors: [] as Author[] };
  readFileSync(resolve(ROOT, 'tests/fixtures/metadata', name), 'utf8').trim().split('\n').forEach((l, i) => {
    const r = arxivRecordToPaper(JSON.parse(l), i + 1);
    if ('problem' in r) throw new Error(r.problem.message);
    out.papers.push(r.paper);
    out.authors.push(...r.authors);
  });
  return out;
}
const arxiv = fromFixture('seed-match.jsonl');
const sameTitle = fromFixture('same-title.jsonl');
const seedPaper = (title: string) => seed.papers.find((p) => p.title === title);

describe('mergePapers', () => {
  it('merges a seed paper with its arXiv record: both sources, the arXiv id, the full author list', () => {
    const { papers, added, merged } = mergePapers(seed.papers, arxiv.papers);
    expect({ added, merged, total: papers.length }).toEqual({ added: 0, merged: 2, total: seed.papers.length });
    const nf = papers.find((p) => p.title.startsWith('High-Performance Large-Scale'));
    const before = seedPaper('High-Performance Large-Scale Image Recognition Without Normalization');
    expect(before?.authorsTruncated).toBe(true);
    expect(before?.arxivId).toBeUndefined();
    expect(nf).toMatchObject({
      id: before?.id, // the existing record keeps its id
      arxivId: '2102.06171',
      authors: ['Andrew Brock', 'Soham De', 'Samuel L. Smith', 'Karen Simonyan'],
      authorsTruncated: false,
      categories: ['cs.CV', 'cs.LG', 'stat.ML'], // seed's primary first, then arXiv's others
      date: '2021-02-11',
      hasCode: true,
      codeUrl: 'https://github.com/deepmind/deepmind-research/tree/master/nfnets',
      sources: ['seed:samuel-l-smith', 'arxiv-metadata'],
    });
    expect(PaperSchema.safeParse(nf).success).toBe(true);
  });

  it('works in the other direction and keeps the earliest date', () => {
    const seedLr = seedPaper("Don't Decay the Learning Rate, Increase the Batch Size");
    const lr = arxiv.papers[1];
    if (!seedLr || !lr) throw new Error('fixture');
    const later = { ...seedLr, date: '2018-02-24' };
    const { papers, merged } = mergePapers([lr], [later]);
    expect(merged).toBe(1);
    expect(papers).toHaveLength(1);
    expect(papers[0]).toMatchObject({ id: 'arxiv:1711.00489', date: '2017-11-01', authorsTruncated: false, sources: ['arxiv-metadata', 'seed:samuel-l-smith'] });
    expect(papers[0]?.authors).toHaveLength(4);
  });

  it('keeps different papers with the same title apart when no author overlaps', () => {
    const nf = arxiv.papers[0];
    if (!nf) throw new Error('fixture');
    const other: Paper = { ...nf, id: 'x:other', arxivId: undefined, authors: ['Someone Else'], sources: ['other'] };
    const { papers, added, merged } = mergePapers([nf], [other]);
    expect({ added, merged, n: papers.length }).toEqual({ added: 1, merged: 0, n: 2 });
  });

  it('keeps two arXiv submissions with one title apart even with shared authors (pairs from the sample)', () => {
    const { papers, added } = mergePapers([], sameTitle.papers);
    expect(sameTitle.papers).toHaveLength(12);
    expect({ added, n: papers.length }).toEqual({ added: 12, n: 12 });
    // ...but a copy without arXiv id joins the first of them
    const first = sameTitle.papers[0];
    if (!first) throw new Error('fixture');
    const copy: Paper = { ...first, id: 'profile:x', arxivId: undefined, authors: [first.authors[0] ?? ''], authorsTruncated: true, sources: ['profile:x'] };
    const again = mergePapers(papers, [copy]);
    expect(again.merged).toBe(1);
    expect(again.papers[0]).toMatchObject({ arxivId: first.arxivId, authors: first.authors, sources: ['arxiv-metadata', 'profile:x'] });
  });

  it('merges by arXiv id even when the titles differ, and dedupes within the incoming list', () => {
    const nf = arxiv.papers[0];
    if (!nf) throw new Error('fixture');
    const renamed = { ...nf, title: 'NFNets (v2 title)', sources: ['b'] };
    const { papers, added, merged } = mergePapers([], [nf, renamed, nf]);
    expect({ added, merged, n: papers.length, title: papers[0]?.title, sources: papers[0]?.sources }).toEqual({ added: 1, merged: 2, n: 1, title: nf.title, sources: ['arxiv-metadata', 'b'] });
  });

  it('does not modify its inputs', () => {
    const existing = structuredClone(seed.papers);
    mergePapers(existing, arxiv.papers);
    expect(existing).toEqual(seed.papers);
  });
});

describe('mergeAuthors', () => {
  it('merges by authorKey and keeps the profile metrics', () => {
    const { authors, added, merged } = mergeAuthors(seed.authors, arxiv.authors);
    const smith = authors.find((a) => a.id === 'samuel l smith');
    expect(smith).toEqual(seed.owner);
    expect(smith?.metrics?.hIndex).toBe(79);
    expect(authors.find((a) => a.id === 'karen simonyan')).toEqual({ id: 'karen simonyan', name: 'Karen Simonyan' });
    expect(added + merged).toBe(arxiv.authors.length);
    expect(authors).toHaveLength(seed.authors.length + added);
    expect(new Set(authors.map((a) => a.id)).size).toBe(authors.length);
  });

  it('fills missing metrics and field from the incoming record', () => {
    const a: Author = { id: 'k', name: 'K', metrics: { hIndex: 3 } };
    const b: Author = { id: 'k', name: 'K.', metrics: { hIndex: 9, citations: 40 }, field: 'cs.LG' };
    expect(mergeAuthors([a], [b]).authors).toEqual([{ id: 'k', name: 'K', metrics: { hIndex: 3, citations: 40 }, field: 'cs.LG' }]);
  });
});
