import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { editDistance, editVariants } from '../../../src/index/typo';

function mk(id: string, title: string, authors: string[], date: string, extra: Partial<Paper> = {}): Paper {
  return {
    id, title, authors, authorsTruncated: false, affiliations: [], categories: ['cs.LG'], date, abstract: '',
    hasCode: false, sources: ['test'], ...extra,
  };
}
const papers: Paper[] = [
  mk('gnn', 'Graph Neural Networks at Scale', ['Samuel L. Smith'], '2021-05-01', { hasCode: true, categories: ['cs.LG', 'stat.ML'] }),
  mk('gnn2', 'Graph Networks for Physics', ['Jan van der Berg'], '2019-05-01', { categories: ['physics.comp-ph'] }),
  mk('vit', 'Vision Transformers', ['S. L. Smith', 'Ada Lovelace'], '2023-01-01', { categories: ['cs.CV'] }),
];
const index = PaperIndex.build({ papers, authors: [] });
const ids = (q: string, f?: Parameters<typeof index.search>[2]) => index.search(q, 10, f).map((h) => h.paper.id);

describe('search features', () => {
  it('tolerates one typo in tokens of 5+ characters when the exact lookup finds little', () => {
    expect(ids('grpah')).toEqual(['gnn', 'gnn2']);
    expect(ids('neurla networks')).toEqual(['gnn']);
    expect(index.search('transfromers')[0]?.matchedTerms).toEqual(['transformers']);
    expect(ids('grap')).toEqual(['gnn', 'gnn2']); // prefix, no typo needed
    expect(ids('vsn')).toEqual([]); // too short for typos
  });

  it('filters by category (or archive), year range, author and code', () => {
    expect(ids('graph', { category: 'cs.LG' })).toEqual(['gnn']);
    expect(ids('graph', { category: 'physics' })).toEqual(['gnn2']);
    expect(ids('graph', { yearTo: 2020 })).toEqual(['gnn2']);
    expect(ids('graph', { yearFrom: 2020, yearTo: 2022 })).toEqual(['gnn']);
    expect(ids('graph', { hasCode: true })).toEqual(['gnn']);
    expect(ids('graph', { author: 'Berg, Jan van der' })).toEqual(['gnn2']);
    expect(ids('sm', { author: 'Samuel L. Smith' }).sort()).toEqual(['gnn', 'vit']);
  });

  it('edit distance and variants agree', () => {
    for (const v of editVariants('graph')) expect(editDistance('graph', v)).toBe(1);
    expect(editDistance('graph', 'grpah')).toBe(1);
    expect(editDistance('graph', 'gaprh')).toBe(2);
  });
});

describe('author identity', () => {
  it('merges initials with the one full name they fit', () => {
    const [smith] = index.coauthorsOf(['S. L. Smith']);
    expect(smith?.author.id).toBe('samuel l smith');
    expect(smith?.coauthors.map((c) => c.id)).toEqual(['ada lovelace']);
    expect(index.coauthorsOf(['Smith, Samuel L.'])[0]?.author.id).toBe('samuel l smith');
  });

  it('keeps ambiguous initials apart', () => {
    const two = PaperIndex.build({
      papers: [mk('a', 'A', ['Sam Smith', 'X Y'], '2020-01-01'), mk('b', 'B', ['Sara Smith'], '2020-01-01'), mk('c', 'C', ['S. Smith'], '2020-01-01')],
      authors: [],
    });
    expect(two.coauthorsOf(['S. Smith'])[0]?.author.id).toBe('s smith');
  });
});
