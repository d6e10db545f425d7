import { readFileSync } from 'node:fs';
import { categoryFromProfileCode } from '../../../src/dataset/categories.ts';
import { parseProfile } from '../../../src/dataset/profile-importer.ts';
import type { Paper } from '../../../src/dataset/schema.ts';
import { SEED_PROFILE_PATH } from './constants.ts';
import { pageFromFixture } from './page-from-fixture.ts';
import type { ServedPage } from './server.ts';

/**
 * Generated arXiv abstract pages: the real 2026 page saved in
 * tests/fixtures/arxiv-abs/1706.03762v7.html with its paper's metadata
 * replaced through the DOM (see page-from-fixture.ts), so they have the same
 * <head> meta tags, body structure, labs area and static asset links as
 * arXiv's own page.
 */

/** What a generated page needs. */
export interface AbsPageInput {
  /** arXiv id without version. */
  id: string;
  /** Version the page shows; default 1. */
  version?: number;
  /** Raw title (goes into citation_title and the visible h1). */
  title: string;
  /** Display names, "First Last". */
  authors: readonly string[];
  abstract: string;
  /** Submission date, "YYYY-MM-DD". */
  date: string;
  /** Primary category, e.g. "cs.LG" (a profile code like "LG" is mapped). */
  category: string;
  /** Cross-lists, e.g. ["stat.ML"]. */
  crossLists?: readonly string[];
  /** Comments row; omitted when undefined. */
  comments?: string;
}

/** The fields of a dataset Paper the seed pages use. */
export type SeedPaper = Pick<Paper, 'title' | 'authors' | 'date' | 'abstract' | 'categories'>;

/** A generated page plus where it came from and where the browser finds it. */
export interface GeneratedPage extends ServedPage {
  /** https://arxiv.org/abs/<id> (reaches the test server through the resolver mapping). */
  url: string;
  /** The seed paper it was made from. */
  paper: SeedPaper;
}

/**
 * SYNTHETIC arXiv ids for the seed papers: "9912.000NN" (NN = 1-based
 * position in the seed profile), i.e. "December 2099, papers 1..19". The
 * seed profile carries no arXiv ids, and these cannot be real for decades,
 * so a test can never mistake them for, or collide with, a real paper.
 * They are nevertheless well-formed new-scheme ids (valid month, 5-digit
 * number as required from 1501 on), because the extension's strict
 * parseArxivId (src/arxiv/url.ts) ignores pages whose id cannot exist:
 * "2599.000NN" (month 99) would get no sidebar at all. The extension must
 * match these pages to the dataset by title (and authors), which is exactly
 * what the seed data needs.
 */
export const SYNTHETIC_ID_PREFIX = '9912.';

export function syntheticArxivId(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99_999) throw new Error(`synthetic id number out of range: ${n}`);
  return `${SYNTHETIC_ID_PREFIX}${String(n).padStart(5, '0')}`;
}

/** Pages for the seed papers, ids 9912.00001, 9912.00002, ... in seed order. */
export function seedPages(papers: readonly SeedPaper[]): GeneratedPage[] {
  return papers.map((paper, i) => {
    const id = syntheticArxivId(i + 1);
    const [primary = 'cs.LG', ...cross] = paper.categories;
    const input: AbsPageInput = {
      id,
      title: paper.title,
      authors: paper.authors,
      abstract: paper.abstract,
      date: paper.date,
      category: primary,
      crossLists: cross,
    };
    return { ...servedPage(input), url: `https://arxiv.org/abs/${id}`, paper };
  });
}

/** A ServedPage (for startArxivServer) for any paper, e.g. one not in the dataset. */
export function servedPage(input: AbsPageInput): ServedPage {
  return {
    id: input.id,
    title: input.title,
    authors: [...input.authors],
    abstract: input.abstract,
    date: input.date,
    html: renderAbsPage(input),
  };
}

/**
 * The seed profile's papers via the project's own importer
 * (src/dataset/profile-importer.ts parseProfile), so the pages carry exactly
 * what the dataset will hold.
 */
export function loadSeedPapers(path: string = SEED_PROFILE_PATH): SeedPaper[] {
  return parseProfile(readFileSync(path, 'utf8')).papers;
}

/** Render a complete abstract page (the real 1706.03762v7 page with this paper's metadata). */
export function renderAbsPage(p: AbsPageInput): string {
  const primary = categoryFromProfileCode(p.category);
  const cross = (p.crossLists ?? []).map(categoryFromProfileCode).filter((c) => c !== primary);
  return pageFromFixture({
    id: p.id,
    version: p.version ?? 1,
    title: p.title,
    authors: p.authors,
    abstract: p.abstract.trim(),
    date: p.date,
    primary,
    cross,
    ...(p.comments === undefined ? {} : { comments: p.comments }),
  });
}
