import type { Dataset, Paper } from '../dataset/schema';
import type { DatasetMeta } from '../storage/upgrade';
import type { PaperIndex } from '../index/paper-index';
import type { ParsedRequest, Response } from '../messaging/protocol';
import type { AtlasStore } from '../storage/db';
import { applyCatalogRequest, catalogInfo, catalogResponse, isCatalogRequest, openCatalog, type CatalogRequest } from './catalog';
import type { PageInfo } from '../arxiv/page-info';
import type { PaperMatch } from '../index/types';
import { respond, type AnswerRequest } from './answers';
import { updatePaper } from '../storage/update-papers';
import { learnFromPage } from './learn';
import { datasetsToken, readSnapshot, type LoadedSnapshot } from './snapshot';
import { rebuildFromStore } from './build-from-store';
import { prebuildAfter, type ImportPrebuild } from './prebuild';
import { answerWithReads, fillLater } from './reads';
import { IndexLoadError } from '../index/serialize';
import { isAlternateFormat, parseAbsUrl } from '../arxiv/url';
import { EarlyAnswer } from './early-answer';
import { AnswersAhead, AHEAD_DELAY_MS } from './answers-ahead';

/** What the service works on once loaded: the catalog records, and one index over all datasets. */
interface Loaded {
  datasets: DatasetMeta[];
  index: PaperIndex;
  /** What the options page lists; computed with the merge, which knows the counts. */
  catalog: ReturnType<typeof catalogInfo>;
  /** Where the snapshot's abstract chunks are stored (read when an answer needs them). */
  abstractsKey: string;
  /** Per dataset id: papers merged into earlier datasets (combine.ts); locates a paper's chunk for learning. */
  mergedInto: ReadonlyMap<string, number>;
}

export interface AtlasServiceOptions {
  /** Opens the store; called on the first question after a (re)start. */
  openStore: () => Promise<AtlasStore>;
  /** Builds the embedded default dataset; called only when storage is empty. */
  defaultDataset: () => Dataset;
  log?: (message: string) => void;
  /** Whether to learn arXiv ids and full author lists from matched pages (learn.ts); off when absent. */
  learnEnabled?: () => Promise<boolean>;
  /** Opens the popup page in a tab searching for `query` (the sidebar's "Papers" button). */
  openSearch?: (query: string) => Promise<void>;
  /** Datasets up to this many papers have their abstracts read in the background after a cold start (default reads.ts FILL_ABSTRACTS_MAX; tests lower it). */
  fillAbstractsMax?: number;
  /** Pause before the next pages' answers are made ahead (answers-ahead.ts; tests: 0). */
  aheadDelayMs?: number;
}

/**
 * The background's brain: on the first question after a (re)start loads the
 * index snapshot (snapshot.ts) from IndexedDB, or, when there is none or it
 * is stale or broken, reads every dataset, merges and builds the index and
 * writes a fresh snapshot. Seeds the default dataset on first run, and
 * answers protocol requests. Knows nothing of the extension APIs, so it is
 * tested in Node against fake-indexeddb.
 */
export class AtlasService {
  private loading?: Promise<Loaded>;
  /** The latest learning write and index refresh, for callers that must see it (tests). */
  learning: Promise<void> = Promise.resolve();
  private store?: Promise<AtlasStore>;
  /**
   * The latest snapshot write. A build answers before its snapshot is
   * stored (the write of a 75k-paper record takes a second); a worker
   * stopped meanwhile builds again on its next start. For callers that
   * must see it stored (tests).
   */
  stored: Promise<void> = Promise.resolve();
  /**
   * The lookup by id of an abstract page a tab is opening (pageOpening),
   * started before the page's content script asks; its question takes it.
   */
  private readonly early = new EarlyAnswer<Response>();
  /** The lookups by id of the related papers just listed, made while the reader reads (answers-ahead.ts). */
  readonly ahead: AnswersAhead<Response>;
  /** Whether a question was answered since this worker started (the first one is logged with its timing). */
  private answered = false;
  /** The import being indexed while it is written (prebuild.ts). */
  private prebuild?: ImportPrebuild;
  /** Set when a posting chunk of the stored snapshot was gone or broken: the next load builds instead. */
  private distrustSnapshot = false;

  constructor(private readonly options: AtlasServiceOptions) {
    this.ahead = new AnswersAhead((arxivId) => this.fresh({ type: 'lookup-id', arxivId }), options.aheadDelayMs ?? AHEAD_DELAY_MS);
  }

  /** Loads lazily and once; concurrent first questions share one load. */
  load(): Promise<Loaded> {
    this.loading ??= this.loadFromStore().catch((error: unknown) => {
      this.loading = undefined; // let the next question try again
      throw error;
    });
    return this.loading;
  }

  /** Drops what is loaded (the datasets changed underneath) and loads again. */
  reload(): Promise<Loaded> {
    this.loading = undefined;
    this.early.drop();
    this.ahead.drop();
    return this.load();
  }

  /**
   * A tab is opening `url`: when it is an arXiv abstract page, the lookup by
   * its id starts now, while the page is still on its way, and the page's
   * own lookup-id question (asked once its content script runs, ~70 ms
   * later) gets this answer. Returns it; undefined for anything else.
   */
  pageOpening(url: string): Promise<Response> | undefined {
    const parsed = isAlternateFormat(url) ? null : parseAbsUrl(url);
    if (!parsed) return undefined;
    const pending = this.early.pending(parsed.arxivId); // the same navigation, seen again
    if (pending) return pending;
    const answer = this.handle({ type: 'lookup-id', arxivId: parsed.arxivId });
    this.early.hold(parsed.arxivId, answer);
    return answer;
  }

  /** One connection per worker life; reloads reuse it. */
  private openStore(): Promise<AtlasStore> {
    this.store ??= this.options.openStore().catch((error: unknown) => {
      this.store = undefined;
      throw error;
    });
    return this.store;
  }

  private async manage(request: CatalogRequest): Promise<Response> {
    await this.load(); // first run: seed before anything is listed or removed
    const changed = await applyCatalogRequest(request, await this.openStore(), this.options.defaultDataset);
    const { catalog } = await (changed ? this.reload() : this.load());
    return catalogResponse(request.type, catalog);
  }

  async handle(request: ParsedRequest): Promise<Response> {
    if (isCatalogRequest(request)) return this.manage(request);
    if (request.type === 'import-begun' || request.type === 'import-staged') {
      this.prebuild = prebuildAfter(this.prebuild, request, () => this.openStore(), this.options.log);
      return request.type === 'import-begun' ? { type: 'import-begun' } : { type: 'import-staged' };
    }
    if (request.type === 'open-search') {
      if (!this.options.openSearch) throw new Error('Paper Atlas cannot open the search here.');
      await this.options.openSearch(request.query);
      return { type: 'open-search' };
    }
    if (request.type === 'keep-ready') {
      await this.load(); // loaded already: at once; a worker just started loads before the next click
      return { type: 'keep-ready' };
    }
    // Asked for already: by the tab opening this page, or ahead of the
    // reader's click on a related paper.
    const held = request.type === 'lookup-id' ? (this.early.take(request.arxivId) ?? this.ahead.get(request.arxivId)) : undefined;
    const first = !this.answered;
    this.answered = true;
    const response = await (held?.catch(() => this.fresh(request)) ?? this.fresh(request, first));
    if (response.type === 'lookup-page' || response.type === 'lookup-id') {
      // The next page a reader opens is most often one of these.
      this.ahead.plan(response.related.filter((r) => r.paper.arxivId !== undefined && !r.paper.authorsTruncated).map((r) => r.paper.arxivId ?? ''));
    }
    if (request.type === 'lookup-page' && response.type === 'lookup-page' && response.match) {
      this.learnLater(request.page, response.match); // after answering; the next question sees what was learned
    }
    return response;
  }

  /** The answer made now from the index (loaded first if need be); a worker's first is logged with its timing. */
  private async fresh(request: AnswerRequest, first = false): Promise<Response> {
    const t0 = Date.now();
    let loaded = await this.load();
    const t1 = Date.now();
    // When each pass ended (ms after t1), and when what it missed was read.
    const steps: number[] = [];
    let response: Response;
    try {
      response = await this.answer(loaded, request, steps, t1);
    } catch (error) {
      if (!(error instanceof IndexLoadError)) throw error;
      // A posting chunk gone or broken: build afresh, and answer from that.
      this.options.log?.(`index snapshot unreadable, rebuilding: ${String(error)}`);
      this.distrustSnapshot = true;
      loaded = await this.reload();
      response = await this.answer(loaded, request, steps, t1);
    }
    if (first) {
      const passes = steps.map((end, i) => `${i % 2 === 0 ? 'pass' : 'read'} ${end - (steps[i - 1] ?? 0)}`).join(', ');
      this.options.log?.(`first answer (${request.type}) after a start: ${t1 - t0} ms loading, ${Date.now() - t1} ms answering (${passes} ms)`);
      this.fillLater(loaded);
    }
    return response;
  }

  private answer(loaded: Loaded, request: AnswerRequest, steps: number[], t1: number): Promise<Response> {
    return answerWithReads(() => respond(loaded, request), () => this.openStore(), loaded, steps, t1);
  }

  /** The rest of a woken index's postings (and abstracts, reads.ts), read in the background while it is the one loaded. */
  private fillLater(loaded: Loaded): void {
    const current = async () => this.loading !== undefined && (await this.loading) === loaded;
    fillLater(() => this.openStore(), loaded, current, this.options.log, this.options.fillAbstractsMax);
  }

  /**
   * Persists what a matched page teaches (learn.ts) without delaying the
   * answer, then applies it to the loaded index in place (PaperIndex.learn):
   * milliseconds, where rebuilding the index cost seconds per learned page on
   * a large dataset. The store keeps the record in its chunk and in the
   * learned overlay next to the snapshot (update-papers.ts), so a restarted
   * worker applies it to the snapshot it loads, and the next real rebuild
   * (an import, a removal) reads it from the chunk.
   */
  private learnLater(page: PageInfo, match: PaperMatch): void {
    const enabled = this.options.learnEnabled;
    const learned = enabled && learnFromPage(match.paper, page, match);
    if (!learned) return;
    this.learning = (async (): Promise<void> => {
      if (!(await enabled())) return;
      // Whatever is loaded now, or loading: a load that read the overlay
      // before this write needs it too, and applying it twice is harmless.
      const loaded = await this.load();
      const ord = loaded.index.ordinalOf(learned);
      const near = ord === undefined ? undefined : { ord, mergedInto: loaded.mergedInto };
      if (!(await updatePaper(await this.openStore(), learned, near))) return;
      (await this.load()).index.learn([learned]);
      this.early.drop(); // made before this was learned
      this.ahead.drop();
      this.options.log?.(`learned ${match.paper.id} from ${page.arxivId}`);
    })().catch((error: unknown) => this.options.log?.(`learning from ${page.arxivId} failed: ${String(error)}`));
  }

  private async loadFromStore(): Promise<Loaded> {
    const { log } = this.options;
    const t0 = Date.now();
    const store = await this.openStore();
    const opened = Date.now();
    const metas = await openCatalog(store, this.options.defaultDataset, log);
    // The cheap path: catalog records + one snapshot record, no dataset rows.
    const t1 = Date.now();
    // Read now, beside the snapshot: a build's snapshot write (after it
    // answers) would otherwise hold this read back for a second.
    const learned = store.learnedPapers();
    learned.catch(() => undefined); // awaited below on every path
    const snapshot = this.distrustSnapshot ? undefined : await store.indexSnapshot();
    this.distrustSnapshot = false;
    if (snapshot?.builtFrom === datasetsToken(metas)) {
      try {
        const t2 = Date.now();
        const loaded = withLearned(await learned, this.loadedFrom(metas, readSnapshot(snapshot.data)));
        log?.(`index of ${loaded.index.size} papers loaded: store opened ${opened - t0} ms, catalog ${t1 - opened} ms, snapshot read ${t2 - t1} ms, checked ${Date.now() - t2} ms`);
        return loaded;
      } catch (error) {
        log?.(`index snapshot unreadable, rebuilding: ${String(error)}`);
      }
    }
    // Right after an import's commit: finish what was indexed while it was written.
    const prebuild = this.prebuild;
    const start = Date.now();
    if (prebuild?.covers(metas)) {
      this.prebuild = undefined;
      const done = await prebuild.finish(store, metas).catch((error: unknown) => log?.(`prebuilt index unusable, rebuilding: ${String(error)}`));
      if (done) {
        log?.(`index of ${done.loaded.totals.papers} papers finished from the import's prebuild in ${Date.now() - start} ms`);
        this.storeLater(done.stored);
        return withLearned(await learned, this.loadedFrom(metas, done.loaded));
      }
    }
    // The rebuild may have read a chunk from before a learning write that
    // left the overlay: apply it as on the cheap path.
    const rebuilt = await rebuildFromStore(store);
    log?.(`index of ${rebuilt.loaded.totals.papers} papers rebuilt in ${Date.now() - start} ms`);
    this.storeLater(rebuilt.stored);
    return withLearned(await learned, this.loadedFrom(rebuilt.metas, rebuilt.loaded));
  }

  private storeLater(write: Promise<boolean>): void {
    const { log } = this.options;
    const start = Date.now();
    this.stored = write.then(
      (ok) => log?.(ok ? `index snapshot stored in ${Date.now() - start} ms` : 'the index snapshot was not stored: the datasets changed while it was built'),
      (error: unknown) => log?.(`storing the index snapshot failed: ${String(error)}`),
    );
  }

  private loadedFrom(metas: DatasetMeta[], { index, abstractsKey, mergedInto, totals }: LoadedSnapshot): Loaded {
    return { datasets: metas, index, abstractsKey, mergedInto, catalog: catalogInfo(metas, mergedInto, totals) };
  }
}

/** Applies the learned overlay (records learned from pages since the snapshot, see update-papers.ts). */
function withLearned(learned: readonly Paper[], loaded: Loaded): Loaded {
  if (learned.length > 0) loaded.index.learn(learned);
  return loaded;
}
