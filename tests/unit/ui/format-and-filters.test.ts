import { describe, expect, it } from 'vitest';
import { testPaper } from '../../support/paper';
import { SettingsSchema } from '@/src/settings/settings';
import { displayAuthors, displayTitle, paperUrl, plural } from '@/src/ui/format';
import { applyFilters } from '@/src/ui/sidebar/RelatedPanel';
import type { Related } from '@/src/ui/sidebar/types';

const paper = testPaper;

describe('format', () => {
  it('links to the abstract page when the id is known, else to arXiv title search', () => {
    expect(paperUrl({ arxivId: '2102.06171', title: 'x' })).toBe('https://arxiv.org/abs/2102.06171');
    expect(paperUrl({ arxivId: 'hep-th/9901001', title: 'x' })).toBe('https://arxiv.org/abs/hep-th/9901001');
    const search = new URL(paperUrl({ title: 'Griffin: Mixing $\\alpha$ & more' }));
    expect(search.origin + search.pathname).toBe('https://arxiv.org/search/');
    expect(search.searchParams.get('searchtype')).toBe('title');
    expect(search.searchParams.get('query')).toBe('Griffin: Mixing \\alpha & more');
  });

  it('writes counts with thousands separators and the singular for one', () => {
    expect(plural(1, 'paper')).toBe('1 paper');
    expect(plural(0, 'paper')).toBe('0 papers');
    expect(plural(999, 'joint paper')).toBe('999 joint papers');
    expect(plural(1000, 'citation')).toBe('1,000 citations');
    expect(plural(74728, 'paper')).toBe('74,728 papers');
    expect(plural(2.5, 'point')).toBe('2.5 points');
    expect(plural(3, 'match', 'matches')).toBe('3 matches');
  });

  it('drops TeX dollars from displayed titles and marks truncated author lists', () => {
    expect(displayTitle('Achieving 86.8$\\%$  top-1')).toBe('Achieving 86.8\\% top-1');
    expect(displayAuthors({ authors: ['A', 'B'], authorsTruncated: true })).toBe('A, B et al.');
    expect(displayAuthors({ authors: ['A', 'B'], authorsTruncated: false })).toBe('A, B');
    expect(displayAuthors({ authors: ['A', 'B', 'C', 'D', 'E'], authorsTruncated: false }, 3)).toBe('A, B, C et al.');
  });
});

describe('related filters', () => {
  const related: Related[] = [
    { paper: paper({ id: 'old', date: '2015-05-01' }), score: 3, reasons: [] },
    { paper: paper({ id: 'code', hasCode: true, date: '2024-02-01' }), score: 2, reasons: [] },
    { paper: paper({ id: 'cv', categories: ['cs.CV'], date: '2025-06-01' }), score: 1, reasons: [] },
  ];
  const ids = (r: Related[]) => r.map((x) => x.paper.id);
  const now = new Date('2026-11-25');

  it('keeps everything without filters, in ranked order', () => {
    expect(ids(applyFilters(related, { hasCode: false, sameCategory: false, years: 0 }, 'cs.LG', now))).toEqual(['old', 'code', 'cv']);
  });
  it('filters by code, category and recency, and combines them', () => {
    expect(ids(applyFilters(related, { hasCode: true, sameCategory: false, years: 0 }, 'cs.LG', now))).toEqual(['code']);
    expect(ids(applyFilters(related, { hasCode: false, sameCategory: true, years: 0 }, 'cs.LG', now))).toEqual(['old', 'code']);
    expect(ids(applyFilters(related, { hasCode: false, sameCategory: false, years: 3 }, 'cs.LG', now))).toEqual(['code', 'cv']);
    expect(ids(applyFilters(related, { hasCode: false, sameCategory: true, years: 3 }, 'cs.LG', now))).toEqual(['code']);
  });
});

describe('settings', () => {
  it('fall back field by field when stored values are unreadable', () => {
    expect(SettingsSchema.parse({ theme: 'neon', learnFromPages: false, collapsed: 'x' })).toEqual({
      theme: 'system',
      learnFromPages: false,
      collapsed: {},
      sidebarHidden: false,
      keepReady: true,
    });
  });
});
