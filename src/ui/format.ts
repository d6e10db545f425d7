import type { Paper } from '../dataset/schema';
import { absUrl, titleSearchUrl } from '../arxiv/links';

/**
 * Small presentation helpers shared by the sidebar and the popup. Everything
 * here returns plain strings: dataset text is rendered as text, never HTML.
 */

/** A title as a reader wants to see it: TeX dollar signs and braces dropped. */
export function displayTitle(title: string): string {
  return title.replace(/\$/g, '').replace(/[{}]/g, '').replace(/\s+/g, ' ').trim();
}

/** "A, B, C et al." — "et al." only when the source truncated the list. */
export function displayAuthors(paper: Pick<Paper, 'authors' | 'authorsTruncated'>, max = 4): string {
  const shown = paper.authors.slice(0, max).join(', ');
  return paper.authors.length > max || paper.authorsTruncated ? `${shown} et al.` : shown;
}

export function year(date: string): string {
  return date.slice(0, 4);
}

/**
 * Where a click on a paper goes: its arXiv abstract page when the id is
 * known, else arXiv's title search (the seed profile carries no ids).
 */
export function paperUrl(paper: Pick<Paper, 'arxivId' | 'title'>): string {
  return paper.arxivId ? absUrl(paper.arxivId) : titleSearchUrl(displayTitle(paper.title));
}

/**
 * One formatter for every count: `n.toLocaleString('en-US')` builds a new
 * Intl formatter on each call (~30 µs), and the sidebar formats a count or
 * two per coauthor while the reader waits for it. Whole numbers below 1,000
 * (nearly every count) read the same without Intl, which still cost 5% of
 * the sidebar's render in a profile.
 */
const COUNT = new Intl.NumberFormat('en-US');

export function plural(n: number, one: string, many = `${one}s`): string {
  const shown = Number.isInteger(n) && n >= 0 && n < 1000 ? String(n) : COUNT.format(n);
  return `${shown} ${n === 1 ? one : many}`;
}
