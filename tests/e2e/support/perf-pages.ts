import type { Paper } from '../../../src/dataset/schema.ts';
import { servedPage } from './seed-pages.ts';
import type { ServedPage } from './server.ts';

/**
 * The pages the sidebar's timing is measured on (tests/e2e/sidebar-perf.test.ts
 * under Playwright, bench/sidebar-browser.ts with no automation attached),
 * chosen from the 74,728-paper sample the same way in both.
 */

/** The abstract page of a dataset paper. */
export function pageFor(p: Paper): ServedPage {
  const [primary = 'cs.LG', ...cross] = p.categories;
  return servedPage({ id: p.arxivId ?? '', title: p.title, authors: p.authors, abstract: p.abstract, date: p.date, category: primary, crossLists: cross });
}

/**
 * A page for a paper the dataset does not hold (most of arXiv, for a reader
 * whose dataset is a slice of it), still in the dataset's field: paper
 * `text`'s abstract under its title's words in reverse, by `by`'s authors
 * (so the authors panel has people to show), with an id from November 2099
 * that no dataset paper carries. Neither the title nor the authors match, so
 * the sidebar shows related papers by the page's own text.
 */
export function unknownPageFor(text: Paper, by: Paper, n: number): ServedPage {
  const title = text.title.split(/\s+/).reverse().join(' ');
  return servedPage({ id: `9911.${String(n).padStart(5, '0')}`, title, authors: by.authors, abstract: text.abstract, date: '2099-11-02', category: text.categories[0] ?? 'cs.LG' });
}

export interface PerfPages {
  /** `count` sample papers with an arXiv id, spread evenly over the sample. */
  chosen: Paper[];
  /** One more sample paper, not among `chosen` (for a trace). */
  spare: Paper | undefined;
  /** `count` pages of papers not in the dataset. */
  unknown: ServedPage[];
  /** `count` more such pages, never opened (for the round-trip test). */
  unseen: ServedPage[];
}

export function choosePerfPages(papers: readonly Paper[], count: number): PerfPages {
  const withId = papers.filter((p) => p.arxivId);
  const step = Math.max(1, Math.floor(withId.length / count));
  const chosen = withId.filter((_, i) => i % step === 0).slice(0, count);
  const spare = withId.find((p) => !chosen.includes(p));
  const others = withId.filter((p) => !chosen.includes(p) && p !== spare);
  const half = Math.floor(others.length / 2);
  const pick = (offset: number, n0: number) =>
    Array.from({ length: Math.min(count, half) }, (_, i) => {
      const k = Math.floor((i * half) / count) + offset;
      return unknownPageFor(others[k] as Paper, others[half + k] as Paper, n0 + i + 1);
    });
  return { chosen, spare, unknown: pick(0, 0), unseen: pick(1, count) };
}
