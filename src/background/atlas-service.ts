import type { Author, Dataset, Paper } from '../dataset/schema';
import { authorKey } from '../index/normalize';
import { PaperIndex } from '../index/paper-index';
import type { ParsedRequest, Response } from '../messaging/protocol';
import type { AtlasStore } from '../storage/db';

/** What the service works on once loaded: every dataset, and one index over all of them. */
interface Loaded {
  datasets: Dataset[];
  index: PaperIndex;
}

export interface AtlasServiceOptions {
  /** Opens the store; called on the first question after a (re)start. */
  openStore: () => Promise<AtlasStore>;
  /** Builds the embedded default dataset; called only when storage is empty. */
  defaultDataset: () => Dataset;
  log?: (message: string) => void;
}

/** Number of related papers and coauthors per author the sidebar asks for. */
const RELATED_LIMIT = 8;
const COAUTHORS_PER_AUTHOR = 8;

/**
 * The background's brain: loads datasets and the index from IndexedDB on the
 * first question after a (re)start, seeds the default dataset on first run,
 * and answers protocol requests. Knows nothing of the extension APIs, so it is
 * tested in Node against fake-indexeddb.
 */
export class AtlasService {
  private loading?: Promise<Loaded>;

  constructor(private readonly options: AtlasServiceOptions) {}

  /** Loads lazily and once; concurrent first questions share one load. */
  load(): Promise<Loaded> {
    this.loading ??= this.loadFromStore().catch((error: unknown) => {
      this.loading = undefined; // let the next question try again
      throw error;
    });
    return this.loading;
  }

  async handle(request: ParsedRequest): Promise<Response> {
    const { datasets, index } = await this.load();
    switch (request.type) {
      case 'lookup-page': {
        const { page } = request;
        const match = index.match(page);
        const related = index.related(
          {
            title: match?.paper.title ?? page.title,
            abstract: match?.paper.abstract || page.abstract,
            authors: unionNames(page.authors, match?.paper.authors ?? []),
            categories: match?.paper.categories ?? (page.primaryCategory ? [page.primaryCategory] : []),
            excludeId: match?.paper.id,
          },
          RELATED_LIMIT,
        );
        const coauthors = index.coauthorsOf(unionNames(page.authors, match?.paper.authors ?? []), COAUTHORS_PER_AUTHOR);
        return { type: 'lookup-page', match, related, coauthors };
      }
      case 'search':
        return { type: 'search', query: request.query, hits: index.search(request.query, request.limit) };
      case 'summary':
        return {
          type: 'summary',
          papers: index.size,
          authors: mergeAuthors(datasets).length,
          datasets: datasets.map((d) => ({ id: d.id, name: d.name, papers: d.papers.length })),
        };
    }
  }

  private async loadFromStore(): Promise<Loaded> {
    const { log } = this.options;
    const store = await this.options.openStore();
    let datasets = await store.datasets();
    if (datasets.length === 0) {
      const seeded = this.options.defaultDataset();
      await store.putDataset(seeded);
      datasets = [seeded];
      log?.(`seeded default dataset (${seeded.papers.length} papers)`);
    }
    const combined = { papers: mergePapers(datasets), authors: mergeAuthors(datasets) };
    const builtFrom = datasets.map((d) => `${d.id}@${d.createdAt}`).sort().join(',');
    const snapshot = await store.indexSnapshot();
    if (snapshot?.builtFrom === builtFrom) {
      try {
        return { datasets, index: PaperIndex.fromJSON(snapshot.data, combined) };
      } catch (error) {
        log?.(`index snapshot unreadable, rebuilding: ${String(error)}`);
      }
    }
    const index = PaperIndex.build(combined);
    await store.putIndexSnapshot({ builtFrom, data: index.toJSON() });
    return { datasets, index };
  }
}

/** Page names first, then the record's names the page did not list. */
function unionNames(first: string[], second: string[]): string[] {
  const seen = new Set(first.map(authorKey));
  return [...first, ...second.filter((n) => !seen.has(authorKey(n)))];
}

/** One record per paper id across datasets (first dataset wins for now). */
function mergePapers(datasets: Dataset[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const d of datasets) for (const p of d.papers) if (!byId.has(p.id)) byId.set(p.id, p);
  return [...byId.values()];
}

/** One author per key; metrics kept from whichever dataset has them. */
function mergeAuthors(datasets: Dataset[]): Author[] {
  const byId = new Map<string, Author>();
  for (const d of datasets)
    for (const a of d.authors) {
      const known = byId.get(a.id);
      byId.set(a.id, known ? { ...known, metrics: known.metrics ?? a.metrics, field: known.field ?? a.field } : a);
    }
  return [...byId.values()];
}
