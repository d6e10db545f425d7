/**
 * PaperIndex: everything the sidebar and the popup ask of the dataset.
 * Papers are addressed internally by ordinal (position in dataset.papers);
 * text goes through the typed-array inverted index (term-index.ts), authors
 * through the typed-array author graph (author-build.ts, coauthors.ts); both
 * are built in one pass and persisted. Id lookup maps are built lazily, so a
 * cold start only checks and wraps the persisted arrays. Papers are read
 * through a PaperTable (paper-columns.ts): the built-from array, or columns
 * loaded from a snapshot whose Paper objects are made only when returned.
 * See src/index/README.md.
 */
import type { PageInfo } from '../arxiv/page-info';
import type { Author, Dataset, Paper } from '../dataset/schema';
import type { AuthorCoauthors, PaperMatch, RelatedPaper, RelatedQuery, SearchFilters, SearchHit } from './types';
import type { AuthorGraphData } from './author-build';
import { buildIndex } from './build';
import { CoauthorGraph, type AuthorPapers } from './coauthors';
import { coauthorsWithLearned, learnedAuthors, type LearnedAuthors } from './learned-coauthors';
import { hasTitleKey } from './exact-title';
import { matchTitle } from './match';
import { authorKey, normalizeArxivId, normalizeTitle } from './normalize';
import { noteRelatedPostings, relatedPapers } from './related';
import { contentStats, type ContentStats } from './tf-idf';
import { searchTerms } from './search';
import { authorColumns } from './author-columns';
import { AbstractChunks } from './abstract-chunks';
import { buildPaperColumns } from './paper-columns-builder';
import { arrayTable, PaperColumns, PaperView, type PaperTable } from './paper-columns';
import { derivedArrays, deserializeIndex, indexArrays, serializeIndex, type SerializedIndex } from './serialize';
import { openSnapshot, type IndexSnapshotData } from './index-snapshot';
import type { PostingChunks } from './posting-chunks';
import { OnDemandChunks } from './on-demand-chunks';
import type { TermIndex } from './term-index';
import { PaperDates } from './paper-dates';
import { searchFilter } from './search-filters';
import { PaperOrdinals } from './paper-ordinals';
import { buildTitleHashes, ordsWithKeyHash, type TitleHashes } from './title-hashes';

export { TITLE_ONLY_CONFIDENCE, POSSIBLE_MATCH_BELOW } from './match';
export type { IndexSnapshotData } from './index-snapshot';

/** A search query that is just an arXiv id, optionally with prefix and version. */
const ARXIV_ID_QUERY = /^\s*(arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(\.[a-z]{2})?\/\d{7})(v\d+)?\s*$/i;

export class PaperIndex {
  /** Ordinals by title hash, for the exact-title match: made with the build, or from the snapshot. */
  private titleHashCache?: TitleHashes;
  private graphCache?: CoauthorGraph;
  /** Each author's papers, when a snapshot brought them (else the graph derives them). */
  private byAuthor?: AuthorPapers;
  /** What a woken index reads as answers need it. */
  private readonly chunks: OnDemandChunks;
  private ordinalsCache?: PaperOrdinals;
  /** Date numbers and the newest date, for search's ties and year filter and related's recency. */
  private readonly dates: PaperDates;
  /** Records learned from pages since the build (learn()): ordinal -> the learned record. */
  private readonly learned = new Map<number, Paper>();
  /** Normalized arXiv id -> ordinal, for the learned records that have one. */
  private readonly learnedArxiv = new Map<string, number>();
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
    /** Where the postings are stored when a snapshot left them apart. */
    postings?: PostingChunks,
  ) {
    this.chunks = new OnDemandChunks(table, terms, postings);
    this.dates = new PaperDates(table);
  }

  static build(dataset: Pick<Dataset, 'papers' | 'authors'>): PaperIndex {
    const { terms, graph } = buildIndex(dataset.papers, dataset.authors);
    const built = new PaperIndex(arrayTable(dataset.papers), dataset.authors, terms, contentStats(terms), graph);
    // Part of every build, as the streamed build makes them too: not paid by the first title match.
    built.titleHashCache = buildTitleHashes(dataset.papers.length, (ord) => dataset.papers[ord]?.title ?? '');
    return built;
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
    const loaded = new PaperIndex(s.papers, s.authors, s.index, s.stats, s.graph, s.postings);
    loaded.byAuthor = s.byAuthor;
    loaded.titleHashCache = s.titles;
    return loaded;
  }

  /**
   * Index arrays, papers and authors as columns: a structured-clonable record
   * with no per-paper objects; the abstracts apart, in chunks (paper-columns.ts).
   */
  snapshot(): { data: IndexSnapshotData; abstracts: AbstractChunks } {
    const papers = this.table instanceof PaperColumns ? this.table : buildPaperColumns(this.papers);
    const derived = derivedArrays(this.terms, this.graphData, this.titleHashes, this.graph.authorPapers());
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
    for (const p of papers) {
      const ord = this.ordinalOf(p);
      if (ord === undefined) continue;
      this.learned.set(ord, p);
      if (p.arxivId !== undefined) this.learnedArxiv.set(normalizeArxivId(p.arxivId), ord);
    }
    this.learnedKeys = undefined;
  }

  /**
   * The paper's position in what the index was built from (the merged
   * datasets, oldest first). Found through its title's hash (title-hashes.ts):
   * the id map costs ~30 ms to build over 75k snapshot columns, on the first
   * learned page and on each wake with learned records.
   */
  ordinalOf(paper: Pick<Paper, 'id' | 'title'>): number | undefined {
    const key = normalizeTitle(paper.title);
    const byTitle = key === '' ? undefined : this.titleOrds(key).find((o) => this.table.id(o) === paper.id);
    return byTitle ?? this.ordinals.ofId(paper.id);
  }

  /**
   * The record at an ordinal: the learned one if any, else the table's
   * (made without reading its abstract chunk when `abstract` is false).
   */
  private paperOf(ord: number, abstract = true): Paper | undefined {
    const learned = this.learned.get(ord);
    if (learned) return learned;
    return !abstract && this.table instanceof PaperColumns ? this.table.paperWithoutAbstract(ord) : this.table.paper(ord);
  }

  // The chunks a woken index reads as its answers need them (on-demand-chunks.ts, read by src/background/reads.ts).
  /** Abstract chunks the answers since the last call wanted but were not loaded. */
  takeMissingAbstracts(): number[] { return this.chunks.takeMissingAbstracts(); }
  /** Whether an answer made now missed chunks not taken yet (the rest of it can be skipped). */
  get missesChunks(): boolean { return this.chunks.missesChunks; }
  /** The key the postings chunks are stored under, when they are read on demand. */
  get postingsKey(): string | undefined { return this.chunks.postingsKey; }
  /** Posting chunks the answers since the last call needed but were not loaded. */
  takeMissingPostings(): number[] { return this.chunks.takeMissingPostings(); }
  /** Posting chunks never loaded. */
  unloadedPostings(): number[] { return this.chunks.unloadedPostings(); }
  /** Throws IndexLoadError when a chunk is gone, does not fit or fails its checksum. */
  addPostings(chunks: readonly { no: number; chunk: unknown }[]): void { this.chunks.addPostings(chunks); }
  /** Abstract chunks never loaded (none after a build). */
  unloadedAbstracts(): number[] { return this.chunks.unloadedAbstracts(); }
  /** Answers made before the chunks are added are stale. */
  addAbstracts(chunks: readonly { no: number; abstracts: readonly string[] }[]): void { this.chunks.addAbstracts(chunks); }

  /**
   * A real Paper for what an inner module returned (a PaperView when papers
   * are columns). Without its abstract when `abstract` is false (made
   * without asking for its chunk: a list that shows no abstract does not
   * carry 30 of them).
   */
  private real(p: Paper, abstract = true): Paper {
    const full = p instanceof PaperView ? this.paperAt(p.ord, abstract) : this.learnedOr(p);
    if (!full) return p;
    return abstract || full.abstract === '' ? full : { ...full, abstract: '' };
  }

  private learnedOr(p: Paper): Paper {
    if (this.learned.size === 0) return p;
    const ord = this.ordinals.ofId(p.id);
    return (ord === undefined ? undefined : this.learned.get(ord)) ?? p;
  }

  /** The compact persisted form (typed arrays: store it with structured clone, e.g. IndexedDB). */
  toJSON(): SerializedIndex {
    return serializeIndex(this.terms, this.stats, this.graphData, { papers: this.papers, authors: this.authors });
  }

  get size(): number {
    return this.table.length;
  }

  private get graph(): CoauthorGraph {
    return (this.graphCache ??= new CoauthorGraph(this.papers, this.authors, this.graphData, this.byAuthor, (ord) => this.idAt(ord)));
  }

  /** The id of the paper at `ord`, remembered (paper-ordinals.ts): coauthors list papers by id, and their titles are asked next. */
  private idAt(ord: number): string {
    const id = this.table.id(ord);
    this.ordinals.remember(id, ord);
    return id;
  }

  /** Id and arXiv id -> ordinal, made on first use. */
  private get ordinals(): PaperOrdinals {
    return (this.ordinalsCache ??= new PaperOrdinals(this.table));
  }

  /**
   * Title and arXiv id of each paper, for lists the UI shows without another
   * request (coauthors' joint papers). Reads no abstract: making whole
   * papers here had a woken worker read an abstract chunk per joint paper.
   */
  paperRefs(ids: readonly string[]): { id: string; title: string; arxivId?: string }[] {
    return ids.flatMap((id) => {
      const ord = this.ordinals.ofId(id);
      if (ord === undefined) return [];
      const learned = this.learned.get(ord);
      const arxivId = learned ? learned.arxivId : this.table.arxivId(ord);
      return [{ id, title: learned?.title ?? this.table.title(ord), ...(arxivId ? { arxivId } : {}) }];
    });
  }

  private ordOfArxivId(id: string): number | undefined {
    const learned = this.learned.size === 0 ? undefined : this.learnedArxiv.get(normalizeArxivId(id));
    return learned ?? this.ordinals.ofArxivId(id);
  }

  /** A paper to return, remembering its id (paper-ordinals.ts). */
  private paperAt(ord: number, abstract = true): Paper | undefined {
    const p = this.paperOf(ord, abstract);
    if (p) this.ordinals.remember(p.id, ord);
    return p;
  }

  private get titleHashes(): TitleHashes {
    return (this.titleHashCache ??= buildTitleHashes(this.table.length, (ord) => this.table.title(ord)));
  }

  /** Papers whose normalized title is `key`, ascending: the title's hash, each candidate's title compared (title-hashes.ts). */
  private titleOrds(key: string): readonly number[] {
    return ordsWithKeyHash(this.titleHashes, key).filter((ord) => hasTitleKey(this.table.title(ord), key));
  }

  paper(id: string): Paper | undefined {
    const ord = this.ordinals.ofId(id);
    return ord === undefined ? undefined : this.paperOf(ord);
  }

  /** By author id (= authorKey) or any spelling of the name, initials included when unambiguous. */
  author(id: string): Author | undefined {
    return this.graph.record(authorKey(id));
  }

  /** "2102.06171", "2102.06171v2", "arXiv:hep-th/9901001v1". */
  byArxivId(id: string): Paper | undefined {
    const ord = this.ordOfArxivId(id);
    return ord === undefined ? undefined : this.paperAt(ord);
  }

  /** Exact match after normalizeTitle; the first in dataset order if several. */
  byTitle(title: string): Paper | undefined {
    const key = normalizeTitle(title);
    const ord = key === '' ? undefined : this.titleOrds(key)[0];
    return ord === undefined ? undefined : this.paperOf(ord);
  }

  /**
   * The dataset paper an arXiv page shows: by arXiv id (confidence 1), else by
   * exact normalized title (1 when an author overlaps, else 0.8), else by a
   * fuzzy title confirmed by authors and date ('fuzzy-title', see match.ts).
   */
  match(page: PageInfo): PaperMatch | null {
    const byId = this.byArxivId(page.arxivId);
    if (byId) return { paper: byId, method: 'arxiv-id', confidence: 1 };
    const m = matchTitle(this.terms, this.papers, page, (key) => this.titleOrds(key));
    const paper = m ? this.paperAt(m.ord) : undefined;
    return m && paper ? { paper, method: m.method, confidence: m.confidence } : null;
  }

  /** Papers related to a page or dataset paper; see related.ts for the scoring. */
  /** `abstracts: false`: the papers come without their abstracts (abstract ''); the reasons still read those they compare. */
  related(q: RelatedQuery, limit = 10, opts: { abstracts?: boolean } = {}): RelatedPaper[] {
    const key = normalizeTitle(q.title);
    const excluded = new Set<number>(key === '' ? [] : this.titleOrds(key));
    const ex = q.excludeId === undefined ? undefined : this.ordinals.ofId(q.excludeId);
    if (ex !== undefined) excluded.add(ex);
    const ctx = {
      papers: this.papers, index: this.terms, stats: this.stats, graph: this.graph, excluded, newestDate: this.dates.newest,
      dateNumberOf: this.dates.dateNumberOf, primaryCategoryOf: (ord: number) => this.table.primaryCategory(ord),
    };
    return relatedPapers(ctx, q, limit).map((r) => ({ ...r, paper: this.real(r.paper, opts.abstracts !== false) }));
  }

  /** Notes the postings related() would walk for this text and a woken index lacks (see noteRelatedPostings). */
  noteRelatedPostings(title: string, abstract: string): void {
    noteRelatedPostings({ index: this.terms, stats: this.stats }, title, abstract);
  }

  /** Coauthors of each page author the dataset knows (others are skipped). */
  coauthorsOf(authorNames: string[], perAuthor = 10): AuthorCoauthors[] {
    if (this.learned.size === 0) return this.graph.coauthorsOf(authorNames, perAuthor);
    this.learnedKeys ??= learnedAuthors(this.graph, this.learned);
    return coauthorsWithLearned(this.graph, this.papers, this.learnedKeys, (id) => this.ordinals.ofId(id), authorNames, perAuthor);
  }

  /**
   * As-you-type search (see search.ts), optionally filtered. A query that is
   * an arXiv id of a dataset paper returns that paper first.
   */
  search(query: string, limit = 20, filters?: SearchFilters): SearchHit[] {
    if (query.trim() === '' || limit <= 0) return [];
    const authorOrds = filters?.author === undefined ? undefined : new Set(this.graph.papersOf(this.graph.resolve(authorKey(filters.author))));
    const accept = filters ? searchFilter(filters, this.table, this.dates.dateNumberOf, authorOrds) : undefined;
    const idOrd = ARXIV_ID_QUERY.test(query) ? this.ordOfArxivId(query) : undefined;
    const byId = idOrd !== undefined && (!accept || accept(idOrd)) ? this.paperOf(idOrd) : undefined;
    const hits: SearchHit[] = [];
    for (const h of searchTerms(this.terms, query, limit, { accept, recency: this.dates.dateNumberOf })) {
      const paper = h.ord === idOrd && byId ? undefined : this.paperOf(h.ord);
      if (paper) hits.push({ paper, score: h.score, matchedTerms: h.matchedTerms });
    }
    if (byId) hits.unshift({ paper: byId, score: (hits[0]?.score ?? 0) + 1, matchedTerms: [] });
    return hits.slice(0, limit);
  }
}
