import type { PageInfo } from '../arxiv/page-info';
import { ArxivIdSchema, type Paper } from '../dataset/schema';
import { authorKey, normalizeArxivId } from '../index/normalize';

/**
 * Learning from pages: when the user reads a dataset paper on its arXiv page,
 * the record gains what the page knows better than the dataset — the arXiv id
 * (profiles carry none) and the full author list (profiles list only the
 * first authors, "et al."). Pure: the service decides whether learning is on
 * and persists the result (src/storage/update-papers.ts).
 */

/** Only matches at least this sure teach anything (id matches and exact titles with a shared author). */
export const LEARN_MIN_CONFIDENCE = 0.9;

/** The source a learned record gains. */
export const LEARNED_SOURCE = 'arxiv-page';

/**
 * The improved record, or null when the page teaches nothing: the match is
 * not confident enough, the record already has the id, and its author list
 * is complete or the page's list does not contain every listed author.
 */
export function learnFromPage(paper: Paper, page: PageInfo, match: { confidence: number }): Paper | null {
  if (match.confidence < LEARN_MIN_CONFIDENCE) return null;
  let learned: Paper = paper;
  const id = ArxivIdSchema.safeParse(normalizeArxivId(page.arxivId));
  if (paper.arxivId === undefined && id.success) learned = { ...learned, arxivId: id.data };
  if (paper.authorsTruncated && extendsAuthors(paper.authors, page.authors)) {
    learned = { ...learned, authors: page.authors.map((a) => a.trim()), authorsTruncated: false };
  }
  if (learned === paper) return null;
  return learned.sources.includes(LEARNED_SOURCE) ? learned : { ...learned, sources: [...learned.sources, LEARNED_SOURCE] };
}

/** The page lists every author the record lists (by authorKey), and is no shorter. */
function extendsAuthors(listed: readonly string[], page: readonly string[]): boolean {
  const onPage = new Set(page.map(authorKey).filter((k) => k !== ''));
  if (onPage.size === 0 || page.length < listed.length) return false;
  return listed.every((name) => onPage.has(authorKey(name)));
}
