import type { Author, Paper } from '../dataset/schema';

/** How a page was matched to a dataset paper. */
export type MatchMethod = 'arxiv-id' | 'title' | 'fuzzy-title';

export interface PaperMatch {
  paper: Paper;
  method: MatchMethod;
  /**
   * 0..1; 1 for an arXiv id or exact normalized title with a shared author.
   * Below 0.9 (POSSIBLE_MATCH_BELOW) the UI says "possible match".
   */
  confidence: number;
}

export interface RelatedPaper {
  paper: Paper;
  score: number;
  /** Human-readable reasons, e.g. "2 shared authors", "same category (cs.LG)". */
  reasons: string[];
}

export interface Coauthor {
  /** Author key (normalized name). */
  id: string;
  name: string;
  /** Number of papers shared with the page author. */
  jointPapers: number;
  /** Ids of the shared papers. */
  paperIds: string[];
}

export interface AuthorCoauthors {
  /** The page/paper author these coauthors belong to. */
  author: { id: string; name: string; metrics?: Author['metrics'] };
  coauthors: Coauthor[];
}

export interface SearchHit {
  paper: Paper;
  score: number;
  /** Normalized query terms that matched, for highlighting. */
  matchedTerms: string[];
}

/** Input for related-papers ranking: a dataset paper or what a page shows. */
export interface RelatedQuery {
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  /** Excluded from the results (the page's own paper). */
  excludeId?: string;
}

/** Optional filters of PaperIndex.search. */
export interface SearchFilters {
  /** "cs.LG" (any of the paper's categories), or an archive "cs" / "hep-th". */
  category?: string;
  /** Inclusive publication-year range. */
  yearFrom?: number;
  yearTo?: number;
  /** Papers listing this author (any spelling; initials when unambiguous). */
  author?: string;
  hasCode?: boolean;
}
