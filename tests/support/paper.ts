import type { Paper } from '../../src/dataset/schema';

/** A complete Paper for UI tests: one cs.LG paper from 2021 without code; `over` sets what a test is about. */
export const testPaper = (over: Partial<Paper> = {}): Paper => ({
  id: 'p1',
  title: 'Diffusion Models',
  authors: ['A. Author', 'B. Author'],
  authorsTruncated: false,
  affiliations: [],
  categories: ['cs.LG'],
  date: '2021-01-01',
  abstract: '',
  hasCode: false,
  sources: [],
  ...over,
});
