/**
 * PaperIndex: everything the sidebar and the popup ask of the dataset.
 * Papers are addressed internally by ordinal (position in dataset.papers);
 * lookups are Maps, text goes through the inverted index in search.ts.
 * See src/index/README.md.
 */
import type { PageInfo } from '../arxiv/page-info';
import type { Author, Dataset, Paper } from '../dataset/schema';
import type { AuthorCoauthors, PaperMatch, RelatedPaper, RelatedQuery, SearchHit } from './types';
import { CoauthorGraph } from './coauthors';
import { authorKey, normalizeArxivId, normalizeTitle } from './normalize';
import { contentStats, relatedPapers, type ContentStats } from './related';
import { searchTerms, TermIndex } from './search';
import { deserializeTermIndex, serializeTermIndex, type SerializedIndex } from './serialize';

/** Confidence of an exact normalized-title match when no author overlaps. */
export const TITLE_ONLY_CONFIDENCE = 0.8;

/** A search query that is just an arXiv id, optionally with prefix and version. */
const ARXIV_ID_QUERY = /^\s*(arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(\.[a-z]{2})?\/\d{7})(v\d+)?\s*$/i;

export class PaperIndex {
  private readonly idToOrd = new Map<string, number>();
  private readonly arxivToOrd = new Map<string, number>();
  private readonly titleOrds = new Map<string, number[]>();
  private readonly graph: CoauthorGraph;
  private readonly newestDate: string;
  private stats: ContentStats | null = null;

  private constructor(
    private readonly papers: readonly Paper[],
    authors: readonly Author[],
    private readonly terms: TermIndex,
  ) {
    let newest = '';
    papers.forEach((p, ord) => {
      if (!this.idToOrd.has(p.id)) this.idToOrd.set(p.id, ord);
      if (p.arxivId !== undefined) {
        const id = normalizeArxivId(p.arxivId);
        if (!this.arxivToOrd.has(id)) this.arxivToOrd.set(id, ord);
      }
      const key = normalizeTitle(p.title);
      const list = this.titleOrds.get(key);
      if (list) list.push(ord);
      else this.titleOrds.set(key, [ord]);
      if (p.date > newest) newest = p.date;
    });
    this.newestDate = newest;
    this.graph = new CoauthorGraph(papers, authors);
  }

  static build(dataset: Pick<Dataset, 'papers' | 'authors'>): PaperIndex {
    return new PaperIndex(dataset.papers, dataset.authors, TermIndex.build(dataset.papers));
  }

  /**
   * Load an index saved with toJSON() for the same dataset. Throws
   * IndexLoadError (unknown version, bad data, other papers): rebuild then.
   */
  static fromJSON(data: unknown, dataset: Pick<Dataset, 'papers' | 'authors'>): PaperIndex {
    return new PaperIndex(dataset.papers, dataset.authors, deserializeTermIndex(data, dataset.papers));
  }

  toJSON(): SerializedIndex {
    return serializeTermIndex(this.terms, this.papers);
  }

  get size(): number {
    return this.papers.length;
  }

  paper(id: string): Paper | undefined {
    const ord = this.idToOrd.get(id);
    return ord === undefined ? undefined : this.papers[ord];
  }

  /** By author id (= authorKey) or any spelling of the name. */
  author(id: string): Author | undefined {
    return this.graph.record(authorKey(id));
  }

  /** "2102.06171", "2102.06171v2", "arXiv:hep-th/9901001v1". */
  byArxivId(id: string): Paper | undefined {
    const ord = this.arxivToOrd.get(normalizeArxivId(id));
    return ord === undefined ? undefined : this.papers[ord];
  }

  /** Exact match after normalizeTitle; the first in dataset order if several. */
  byTitle(title: string): Paper | undefined {
    const ord = this.titleOrds.get(normalizeTitle(title))?.[0];
    return ord === undefined ? undefined : this.papers[ord];
  }

  /**
   * The dataset paper an arXiv page shows: by arXiv id (confidence 1), else by
   * exact normalized title (1 when an author overlaps, else 0.8). Nothing fuzzy.
   */
  match(page: PageInfo): PaperMatch | null {
    const byId = this.byArxivId(page.arxivId);
    if (byId) return { paper: byId, method: 'arxiv-id', confidence: 1 };
    const key = normalizeTitle(page.title);
    const ords = key === '' ? undefined : this.titleOrds.get(key);
    if (!ords || ords.length === 0) return null;
    const pageKeys = new Set(page.authors.map(authorKey));
    const overlapping = ords.find((ord) => this.graph.keysOf(ord).some((k) => pageKeys.has(k)));
    const ord = overlapping ?? ords[0] ?? 0;
    const paper = this.papers[ord];
    if (!paper) return null;
    return { paper, method: 'title', confidence: overlapping === undefined ? TITLE_ONLY_CONFIDENCE : 1 };
  }

  /** Papers related to a page or dataset paper; see related.ts for the scoring. */
  related(q: RelatedQuery, limit = 10): RelatedPaper[] {
    this.stats ??= contentStats(this.terms);
    return relatedPapers(
      {
        papers: this.papers,
        index: this.terms,
        stats: this.stats,
        graph: this.graph,
        titleOrds: this.titleOrds,
        idToOrd: this.idToOrd,
        newestDate: this.newestDate,
      },
      q,
      limit,
    );
  }

  /** Coauthors of each page author the dataset knows (others are skipped). */
  coauthorsOf(authorNames: string[], perAuthor = 10): AuthorCoauthors[] {
    return this.graph.coauthorsOf(authorNames, perAuthor);
  }

  /**
   * As-you-type search (see search.ts). A query that is an arXiv id of a
   * dataset paper returns that paper first.
   */
  search(query: string, limit = 20): SearchHit[] {
    if (query.trim() === '' || limit <= 0) return [];
    const byId = ARXIV_ID_QUERY.test(query) ? this.byArxivId(query) : undefined;
    const hits: SearchHit[] = [];
    for (const h of searchTerms(this.terms, this.papers, query, limit)) {
      const paper = this.papers[h.ord];
      if (paper && paper !== byId) hits.push({ paper, score: h.score, matchedTerms: h.matchedTerms });
    }
    if (byId) hits.unshift({ paper: byId, score: (hits[0]?.score ?? 0) + 1, matchedTerms: [] });
    return hits.slice(0, limit);
  }
}
