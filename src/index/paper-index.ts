/**
 * PaperIndex: everything the sidebar and the popup ask of the dataset.
 * Papers are addressed internally by ordinal (position in dataset.papers);
 * text goes through the typed-array inverted index (term-index.ts), authors
 * through the typed-array author graph (author-build.ts, coauthors.ts); both
 * are built in one pass and persisted. Id lookup maps are built lazily, so a
 * cold start only checks and wraps the persisted arrays (index-snapshot.ts).
 * Papers are read through a PaperTable (paper-columns.ts): the built-from
 * array, or columns loaded from a snapshot whose Paper objects are made only
 * when returned. This class answers; what it holds to answer is apart: which
 * record a paper returns (paper-records.ts), the dates (paper-dates.ts), the
 * chunks a woken index reads on demand (on-demand-chunks.ts).
 * See src/index/README.md.
 */
import type { PageInfo } from '../arxiv/page-info';
import type { Author, Dataset, Paper } from '../dataset/schema';
import type { AuthorCoauthors, PaperMatch, RelatedPaper, RelatedQuery, SearchFilters, SearchHit } from './types';
import type { AuthorGraphData } from './author-build';
import { buildIndex } from './build';
import { CoauthorGraph, type AuthorPapers } from './coauthors';
import { coauthorsWithLearned, learnedAuthors, type LearnedAuthors } from './learned-coauthors';
import { matchTitle } from './match';
import { authorKey, normalizeTitle } from './normalize';
import { noteRelatedPostings, relatedPapers } from './related';
import { contentStats, type ContentStats } from './tf-idf';
import { searchTerms } from './search';
import { authorColumns } from './author-columns';
import { AbstractChunks } from './abstract-chunks';
import { buildPaperColumns } from './paper-columns-builder';
import { arrayTable, PaperColumns, type PaperTable } from './paper-columns';
import { derivedArrays, indexArrays } from './index-arrays';
import { deserializeIndex, serializeIndex, type SerializedIndex } from './serialize';
import { openSnapshot, type IndexSnapshotData } from './index-snapshot';
import type { PostingChunks } from './posting-chunks';
import { OnDemandChunks } from './on-demand-chunks';
import type { TermIndex } from './term-index';
import { PaperDates } from './paper-dates';
import { searchFilter } from './search-filters';
import { PaperRecords } from './paper-records';
import { buildTitleHashes, type TitleHashes } from './title-hashes';

export { TITLE_ONLY_CONFIDENCE, POSSIBLE_MATCH_BELOW } from './match';
export type { IndexSnapshotData } from './index-snapshot';

/** A search query that is just an arXiv id, optionally with prefix and version. */
const ARXIV_ID_QUERY = /^\s*(arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(\.[a-z]{2})?\/\d{7})(v\d+)?\s*$/i;

export class PaperIndex {
  private graphCache?: CoauthorGraph;
  /** Each author's papers, when a snapshot brought them (else the graph derives them). */
  private readonly byAuthor?: AuthorPapers;
  /** Which record answers for a paper (learned or the table's), found by id, arXiv id or title. */
  private readonly records: PaperRecords;
  /** What a woken index reads as its answers need it (src/background/reads.ts takes, reads and adds it). */
  readonly chunks: OnDemandChunks;
  /** Date numbers and the newest date, for search's ties and year filter and related's recency. */
  private readonly dates: PaperDates;
  /** The learned records' author keys, for coauthorsOf (learned-coauthors.ts). */
  private learnedKeys?: LearnedAuthors[];

  /** The papers as an array (views for columns, made on first use), for the modules that index them by ordinal. */
  private get papers(): readonly Paper[] {
    return this.table.list;
  }

  private constructor(
    private readonly table: PaperTable,
    private readonly authors: readonly Author[],
    private readonly terms: TermIndex,
    private readonly stats: ContentStats,
    private readonly graphData: AuthorGraphData,
    /** What a snapshot or the build brought beside: postings stored apart, each author's papers, the title hashes. */
    made: { postings?: PostingChunks; byAuthor?: AuthorPapers; titles?: TitleHashes } = {},
  ) {
    this.byAuthor = made.byAuthor;
    this.records = new PaperRecords(table, made.titles);
    this.chunks = new OnDemandChunks(table, terms, made.postings);
    this.dates = new PaperDates(table);
  }

  static build(dataset: Pick<Dataset, 'papers' | 'authors'>): PaperIndex {
    const { terms, graph } = buildIndex(dataset.papers, dataset.authors);
    // The title hashes are part of every build, as the streamed build makes them too: not paid by the first title match.
    const titles = buildTitleHashes(dataset.papers.length, (ord) => dataset.papers[ord]?.title ?? '');
    return new PaperIndex(arrayTable(dataset.papers), dataset.authors, terms, contentStats(terms), graph, { titles });
  }

  /**
   * Load an index saved with toJSON() for the same dataset. Throws
   * IndexLoadError (unknown version, bad data, other papers): rebuild then.
   */
  static fromJSON(data: unknown, dataset: Pick<Dataset, 'papers' | 'authors'>): PaperIndex {
    const { index, stats, graph } = deserializeIndex(data, dataset);
    return new PaperIndex(arrayTable(dataset.papers), dataset.authors, index, stats, graph);
  }

  /**
   * Load what snapshot() returned (after a structured clone): papers and
   * authors stay columns. Throws IndexLoadError / SnapshotError when an array
   * does not fit or its checksum differs: rebuild then.
   */
  static fromSnapshot(data: IndexSnapshotData, abstracts?: AbstractChunks): PaperIndex {
    const s = openSnapshot(data, abstracts);
    return new PaperIndex(s.papers, s.authors, s.index, s.stats, s.graph, s);
  }

  /**
   * Index arrays, papers and authors as columns: a structured-clonable record
   * with no per-paper objects; the abstracts apart, in chunks (paper-columns.ts).
   */
  snapshot(): { data: IndexSnapshotData; abstracts: AbstractChunks } {
    const papers = this.table instanceof PaperColumns ? this.table : buildPaperColumns(this.papers);
    const derived = derivedArrays(this.terms, this.graphData, this.records.titleHashes, this.graph.authorPapers());
    return { data: { index: indexArrays(this.terms, this.stats, this.graphData, derived), papers: papers.data, authors: authorColumns(this.authors) }, abstracts: papers.abstracts };
  }

  /**
   * Applies records learned from arXiv pages (src/background/learn.ts) on
   * top of what was built, in O(records) instead of a rebuild: the learned
   * record is what every answer returns for its paper (match, byArxivId,
   * paper, search and related results), its arXiv id finds it, and its
   * authors count in coauthorsOf (walked on each question, learned-coauthors.ts).
   * What else the build derived from the old record stays as built until
   * the next build: the search terms, the author filter and related scoring
   * by shared authors. A record whose id is not in the index is ignored. The paper's
   * title, date and categories must not change (learning never changes them).
   */
  learn(papers: readonly Paper[]): void {
    this.records.learn(papers);
    this.learnedKeys = undefined;
  }

  /**
   * The paper's position in what the index was built from (the merged
   * datasets, oldest first), found through its title's hash (paper-records.ts).
   */
  ordinalOf(paper: Pick<Paper, 'id' | 'title'>): number | undefined {
    return this.records.ordinalOf(paper);
  }

  /** Title and arXiv id of each paper, for lists the UI shows without another request (reads no abstract). */
  paperRefs(ids: readonly string[]): { id: string; title: string; arxivId?: string }[] {
    return this.records.paperRefs(ids);
  }

  /** The compact persisted form (typed arrays: store it with structured clone, e.g. IndexedDB). */
  toJSON(): SerializedIndex {
    return serializeIndex(this.terms, this.stats, this.graphData, { papers: this.papers, authors: this.authors });
  }

  get size(): number {
    return this.table.length;
  }

  private get graph(): CoauthorGraph {
    return (this.graphCache ??= new CoauthorGraph(this.papers, this.authors, this.graphData, this.byAuthor, (ord) => this.records.idAt(ord)));
  }

  paper(id: string): Paper | undefined {
    const ord = this.records.ordinals.ofId(id);
    return ord === undefined ? undefined : this.records.paperOf(ord);
  }

  /** By author id (= authorKey) or any spelling of the name, initials included when unambiguous. */
  author(id: string): Author | undefined {
    return this.graph.record(authorKey(id));
  }

  /** "2102.06171", "2102.06171v2", "arXiv:hep-th/9901001v1". */
  byArxivId(id: string): Paper | undefined {
    const ord = this.records.ordOfArxivId(id);
    return ord === undefined ? undefined : this.records.paperAt(ord);
  }

  /** Exact match after normalizeTitle; the first in dataset order if several. */
  byTitle(title: string): Paper | undefined {
    const key = normalizeTitle(title);
    const ord = key === '' ? undefined : this.records.titleOrds(key)[0];
    return ord === undefined ? undefined : this.records.paperOf(ord);
  }

  /**
   * The dataset paper an arXiv page shows: by arXiv id (confidence 1), else by
   * exact normalized title (1 when an author overlaps, else 0.8), else by a
   * fuzzy title confirmed by authors and date ('fuzzy-title', see match.ts).
   */
  match(page: PageInfo): PaperMatch | null {
    const byId = this.byArxivId(page.arxivId);
    if (byId) return { paper: byId, method: 'arxiv-id', confidence: 1 };
    const m = matchTitle(this.terms, this.papers, page, (key) => this.records.titleOrds(key));
    const paper = m ? this.records.paperAt(m.ord) : undefined;
    return m && paper ? { paper, method: m.method, confidence: m.confidence } : null;
  }

  /**
   * Papers related to a page or dataset paper; see related.ts for the scoring.
   * `abstracts: false`: the papers come without their abstracts (abstract '');
   * the reasons still read those they compare.
   */
  related(q: RelatedQuery, limit = 10, opts: { abstracts?: boolean } = {}): RelatedPaper[] {
    const key = normalizeTitle(q.title);
    const excluded = new Set<number>(key === '' ? [] : this.records.titleOrds(key));
    const ex = q.excludeId === undefined ? undefined : this.records.ordinals.ofId(q.excludeId);
    if (ex !== undefined) excluded.add(ex);
    const ctx = {
      papers: this.papers, index: this.terms, stats: this.stats, graph: this.graph, excluded, newestDate: this.dates.newest,
      dateNumberOf: this.dates.dateNumberOf, primaryCategoryOf: (ord: number) => this.table.primaryCategory(ord),
    };
    return relatedPapers(ctx, q, limit).map((r) => ({ ...r, paper: this.records.real(r.paper, opts.abstracts !== false) }));
  }

  /** Notes the postings related() would walk for this text and a woken index lacks (see noteRelatedPostings). */
  noteRelatedPostings(title: string, abstract: string): void {
    noteRelatedPostings({ index: this.terms, stats: this.stats }, title, abstract);
  }

  /** Coauthors of each page author the dataset knows (others are skipped). */
  coauthorsOf(authorNames: string[], perAuthor = 10): AuthorCoauthors[] {
    if (this.records.learned.size === 0) return this.graph.coauthorsOf(authorNames, perAuthor);
    this.learnedKeys ??= learnedAuthors(this.graph, this.records.learned);
    return coauthorsWithLearned(this.graph, this.papers, this.learnedKeys, (id) => this.records.ordinals.ofId(id), authorNames, perAuthor);
  }

  /**
   * As-you-type search (see search.ts), optionally filtered. A query that is
   * an arXiv id of a dataset paper returns that paper first.
   */
  search(query: string, limit = 20, filters?: SearchFilters): SearchHit[] {
    if (query.trim() === '' || limit <= 0) return [];
    const authorOrds = filters?.author === undefined ? undefined : new Set(this.graph.papersOf(this.graph.resolve(authorKey(filters.author))));
    const accept = filters ? searchFilter(filters, this.table, this.dates.dateNumberOf, authorOrds) : undefined;
    const idOrd = ARXIV_ID_QUERY.test(query) ? this.records.ordOfArxivId(query) : undefined;
    const byId = idOrd !== undefined && (!accept || accept(idOrd)) ? this.records.paperOf(idOrd) : undefined;
    const hits: SearchHit[] = [];
    for (const h of searchTerms(this.terms, query, limit, { accept, recency: this.dates.dateNumberOf })) {
      const paper = h.ord === idOrd && byId ? undefined : this.records.paperOf(h.ord);
      if (paper) hits.push({ paper, score: h.score, matchedTerms: h.matchedTerms });
    }
    if (byId) hits.unshift({ paper: byId, score: (hits[0]?.score ?? 0) + 1, matchedTerms: [] });
    return hits.slice(0, limit);
  }
}
