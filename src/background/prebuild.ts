import { ABSTRACT_CHUNK, AbstractChunks } from '../index/abstract-chunks';
import type { AtlasStore } from '../storage/db';
import type { DatasetMeta } from '../storage/upgrade';
import { applyStoredMerges, readChunk, streamDatasets } from './build-from-store';
import { datasetsToken, readSnapshot, type LoadedSnapshot } from './snapshot';
import { StreamBuild } from './stream-build';

/**
 * The index built while an import is still being written. The options page
 * says when each batch is stored ('import-staged'); the batch is read back
 * and indexed here while the page parses the next one, so after the commit
 * only the finishing steps remain (a 75k-paper import: seconds sooner).
 *
 * Anything unusual drops the prebuild, and the service then builds after
 * the commit as before: a batch missed (the worker was restarted), papers
 * listed twice in the file (the commit rewrites stored batches), another
 * dataset changed meanwhile, or an import too large to keep its abstracts
 * in memory until the commit.
 */

/** Papers (all datasets) above which the prebuild gives up: it keeps every abstract in memory until the commit. */
export const PREBUILD_LIMIT = 300_000;

export class ImportPrebuild {
  private stream?: StreamBuild;
  private kept: string[][] = [];
  private chunks = 0;
  private queue: Promise<void> = Promise.resolve();
  private baseToken = '';
  private dropped = false;
  /** Time spent reading batches back and indexing them (logged at the end). */
  private readMs = 0;
  private indexMs = 0;

  constructor(
    readonly importId: string,
    private readonly log?: (message: string) => void,
  ) {}

  /** Queues batch `chunk` (they must come 0, 1, 2, ...). */
  stage(store: () => Promise<AtlasStore>, chunk: number, duplicates: number): void {
    this.queue = this.queue
      .then(async () => {
        if (this.dropped) return;
        if (duplicates > 0) return this.drop('the file lists a paper twice');
        if (chunk !== this.chunks) return this.drop(`batch ${chunk} came when ${this.chunks} was expected`);
        const s = await store();
        const stream = this.stream ?? (await this.start(s));
        const key: [string, number] = [this.importId, chunk];
        const t0 = Date.now();
        const [papers, authors] = await Promise.all([readChunk(s, key), s.authorChunk(key)]);
        const t1 = Date.now();
        stream.addAuthors(authors ?? []);
        stream.addChunk(key, papers);
        this.readMs += t1 - t0;
        this.indexMs += Date.now() - t1;
        this.chunks++;
        if (stream.size > PREBUILD_LIMIT) this.drop(`over ${PREBUILD_LIMIT} papers`);
      })
      .catch((error: unknown) => this.drop(String(error)));
  }

  private drop(why?: string): void {
    if (why && !this.dropped) this.log?.(`indexing the import while it is written stopped (${why}); it is indexed after its commit`);
    this.dropped = true;
    this.stream = undefined;
    this.kept = [];
  }

  /** Indexes the committed datasets first: they come before the import, as in a full build. */
  private async start(store: AtlasStore): Promise<StreamBuild> {
    const metas = await store.list(); // committed only: the import is not among them yet
    this.baseToken = datasetsToken(metas);
    const stream = new StreamBuild((no, abstracts) => (this.kept[no] = abstracts));
    await streamDatasets(store, stream, metas);
    stream.beginDataset(this.importId);
    this.stream = stream;
    return stream;
  }

  /** Whether `metas` (the catalog) has this import committed. */
  covers(metas: readonly DatasetMeta[]): boolean {
    return metas.some((m) => m.id === this.importId);
  }

  /**
   * The index over `metas` (the catalog after the commit), stored as the
   * snapshot, if this prebuild holds exactly those datasets: every stored
   * batch of the import, and the other datasets as they were when it began.
   */
  async finish(store: AtlasStore, metas: readonly DatasetMeta[]): Promise<{ loaded: LoadedSnapshot; stored: Promise<boolean> } | undefined> {
    const start = Date.now();
    await this.queue;
    const caughtUp = Date.now();
    const { stream, kept } = this;
    if (this.dropped || !stream) return undefined;
    try {
      const others = metas.filter((m) => m.id !== this.importId);
      if (others.length !== metas.length - 1 || datasetsToken(others) !== this.baseToken) return undefined;
      if ((await store.paperChunkKeys(this.importId)).length !== this.chunks) return undefined;
      const ticket = await store.reserveSnapshot();
      const patched = await applyStoredMerges(store, stream);
      const record = stream.finish(ticket.nonce); // hands out the last abstracts, into `kept`
      for (const [ord, text] of patched) {
        const chunk = kept[Math.floor(ord / ABSTRACT_CHUNK)];
        if (chunk) chunk[ord % ABSTRACT_CHUNK] = text;
      }
      const abstracts = new AbstractChunks();
      kept.forEach((chunk, no) => abstracts.add(no, chunk));
      const loaded = readSnapshot(record, abstracts);
      this.log?.(`prebuild: batches read in ${this.readMs} ms and indexed in ${this.indexMs} ms in all; after the commit ${caughtUp - start} ms indexing the last ones, ${Date.now() - caughtUp} ms finishing`);
      // Stored while the first answers go out: they need only what is in memory.
      return { loaded, stored: store.putIndexSnapshot({ builtFrom: datasetsToken(metas), data: record }, ticket, kept) };
    } finally {
      this.drop(); // used once, whatever happened
    }
  }
}
