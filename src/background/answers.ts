import type { PageInfo } from '../arxiv/page-info';
import { authorKey } from '../index/normalize';
import type { PaperIndex } from '../index/paper-index';
import type { PaperMatch } from '../index/types';
import type { ParsedRequest, Response } from '../messaging/protocol';
import { runSearch } from '../search/run-search';
import type { DatasetMeta } from '../storage/upgrade';
import type { CatalogRequest } from './catalog';

/**
 * The service's answers made from the index (`respond`): the sidebar's
 * related papers and coauthors for a page, and coauthors with their joint
 * papers (the popup's expanded result too).
 */

/** The questions answered from the index. */
export type AnswerRequest = Exclude<ParsedRequest, CatalogRequest | { type: 'open-search' } | { type: 'import-staged' } | { type: 'import-begun' } | { type: 'keep-ready' }>;

/** Authors of a popup result whose coauthors are listed (big collaborations list hundreds). */
const DETAILS_AUTHORS = 5;

/** Number of related papers and coauthors per author the sidebar asks for. */
// The sidebar filters and pages through these itself.
const RELATED_LIMIT = 30;
const COAUTHORS_PER_AUTHOR = 8;

/** Coauthors of each named author, each with the joint papers' titles and ids attached. */
export function coauthorsWithPapers(index: PaperIndex, names: string[]) {
  return index.coauthorsOf(names, COAUTHORS_PER_AUTHOR).map((group) => ({
    ...group,
    coauthors: group.coauthors.map((c) => ({ ...c, papers: index.paperRefs(c.paperIds) })),
  }));
}

/** The panels for a page and its match: related papers and coauthors (from the match's record and the page). */
export function lookupAnswer(index: PaperIndex, page: Pick<PageInfo, 'title' | 'authors' | 'abstract' | 'primaryCategory'>, match: PaperMatch | null) {
  const authors = unionNames(page.authors, match?.paper.authors ?? []);
  // The record's abstract is the related query's text: while its chunk is
  // still to be read, ranking now would be thrown away (the service reads
  // it and answers again, see answerWithReads in reads.ts).
  if (match && index.chunks.missesChunks) {
    // The page's abstract is nearly always the record's: the postings its
    // ranking will walk are read in the same pass as the record's abstract,
    // not in a pass of their own after it.
    if (page.abstract) index.noteRelatedPostings(match.paper.title, page.abstract);
    return { match, related: [], coauthors: [] };
  }
  const related = index.related(
    {
      title: match?.paper.title ?? page.title,
      abstract: match?.paper.abstract || page.abstract,
      authors,
      categories: match?.paper.categories ?? (page.primaryCategory ? [page.primaryCategory] : []),
      excludeId: match?.paper.id,
    },
    RELATED_LIMIT,
    // The panels show no related abstract (the popup asks paper-details when
    // one is expanded): 30 abstracts less to copy and send with each answer.
    // (The "similar: …" reasons still read the abstracts they compare.)
    { abstracts: false },
  );
  return { match, related, coauthors: coauthorsWithPapers(index, authors) };
}

/** Page names first, then the record's names the page did not list. */
function unionNames(first: string[], second: string[]): string[] {
  const seen = new Set(first.map(authorKey));
  return [...first, ...second.filter((n) => !seen.has(authorKey(n)))];
}

/** The answer to `request` from what is loaded; pure apart from reading the index. */
export function respond(loaded: { datasets: readonly DatasetMeta[]; index: PaperIndex; catalog: { authors: number } }, request: AnswerRequest): Response {
  const { datasets, index, catalog } = loaded;
  switch (request.type) {
    case 'lookup-page': {
      const { page } = request;
      const match = index.match(page);
      return { type: 'lookup-page', ...lookupAnswer(index, page, match) };
    }
    case 'lookup-id': {
      // The content script's early question, from the URL alone: answered
      // only when the id names a dataset paper (then the page would add
      // nothing but learning, which its 'lookup-page' still brings).
      const paper = index.byArxivId(request.arxivId);
      if (!paper) return { type: 'lookup-id', match: null, related: [], coauthors: [] };
      const match: PaperMatch = { paper, method: 'arxiv-id', confidence: 1 };
      return { type: 'lookup-id', ...lookupAnswer(index, { title: paper.title, authors: [], abstract: paper.abstract }, match) };
    }
    case 'search':
      return { type: 'search', query: request.query, hits: runSearch(index, request.query, request.limit, request.filters, request.phrases) };
    case 'paper-details': {
      // The popup's expanded result: its abstract, and who the paper's first authors usually write with.
      const paper = index.paper(request.id);
      const coauthors = paper ? coauthorsWithPapers(index, paper.authors.slice(0, DETAILS_AUTHORS)) : [];
      return { type: 'paper-details', abstract: paper?.abstract ?? '', coauthors };
    }
    case 'summary':
      return {
        type: 'summary',
        papers: index.size,
        authors: catalog.authors,
        datasets: datasets.map((d) => ({ id: d.id, name: d.name, papers: d.papers })),
      };
  }
}
