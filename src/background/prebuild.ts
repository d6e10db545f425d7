import type { Author, Paper } from '../dataset/schema';
import type { ParsedRequest } from '../messaging/protocol';
import { ABSTRACT_CHUNK, AbstractChunks } from '../index/abstract-chunks';
import type { AtlasStore } from '../storage/db';
import { prebuildNonce } from '../storage/staging';
import type { DatasetMeta } from '../storage/upgrade';
import { applyStoredMerges, finishStored, readChunk, streamDatasets } from './build-from-store';
import { datasetsToken, readSnapshot, storeSnapshot, type LoadedSnapshot, type ServiceSnapshot } from './snapshot';
import { StreamBuild } from './stream-build';

/**
 * Papers whose abstracts are kept in memory (~250 MB of text) rather than
 * stored as they come: storing is IndexedDB work on the cores the parse and
 * the indexing already share, and kept abstracts answer the first questions
 * without a read (they are written with the snapshot, after those answers).
 */
export const KEEP_ABSTRACTS = 200_000;

interface Batch {
  papers: Paper[];
  authors: Author[];
}

/** What the options page says of an import as it runs. */
type ImportMessage = Extract<ParsedRequest, { type: 'import-begun' | 'import-staged' }>;

/**
 * The prebuild after `message` (one import at a time is indexed ahead: the
 * latest): a new one when an import begins, its build started at once, or
 * when batch 0 of an import that did not say so comes; a batch goes to its
 * import's prebuild.
 */
export function prebuildAfter(current: ImportPrebuild | undefined, message: ImportMessage, store: () => Promise<AtlasStore>, log?: (message: string) => void): ImportPrebuild | undefined {
  if (message.type === 'import-begun') {
    const next = new ImportPrebuild(message.importId, log);
    void next.begin(store);
    return next;
  }
  const prebuild = message.chunk === 0 && current?.importId !== message.importId ? new ImportPrebuild(message.importId, log) : current;
  if (prebuild?.importId === message.importId) prebuild.stage(store, message.chunk, message.duplicates, message.authorRefs);
  return prebuild;
}

/**
 * The index built while an import is still being written. The options page
 * says when each batch is stored ('import-staged'); the batch is read back
 * and indexed here while the page parses the next one, so after the commit
 * only the finishing steps remain.
 *
 * Abstracts are kept in memory up to KEEP_ABSTRACTS papers (written with
 * the snapshot after the first answers, and answered from memory); past
 * that they are stored as the build goes, under a key prefix of this import
 * that its commit keeps and its abort deletes (storage/staging.ts), so a
 * 1M-paper import is not held in memory. Anything unusual drops the
 * prebuild, and the service then builds after the commit as before: a batch
 * missed (the worker was restarted), papers listed twice in the file (the
 * commit rewrites stored batches), or another dataset changed meanwhile.
 */
export class ImportPrebuild {
  private stream?: StreamBuild;
  /** The other datasets being read into `stream` (begin). */
  private starting?: Promise<StreamBuild>;
  private abstracts: { no: number; abstracts: string[] }[] = [];
  /** Whether abstracts go to the store as they come (past KEEP_ABSTRACTS papers). */
  private storing = false;
  private chunks = 0;
  /** Batches announced and not yet done with (this one included, while it is indexed). */
  private waiting = 0;
  private queue: Promise<void> = Promise.resolve();
  /** The last batch announced, and the read of the next one begun while this one is indexed. */
  private announced = -1;
  private ahead?: { chunk: number; read: Promise<Batch> };
  private baseToken = '';
  private dropped = false;
  /** Time spent reading batches back and indexing them (logged at the end). */
  private readMs = 0;
  private indexMs = 0;
  readonly nonce: string;

  constructor(
    readonly importId: string,
    private readonly log?: (message: string) => void,
    /** Papers whose abstracts are kept in memory (tests lower it). */
    private readonly keepAbstracts = KEEP_ABSTRACTS,
  ) {
    this.nonce = prebuildNonce(importId);
  }

  /**
   * Reads the other datasets into the build now, before the first batch is
   * stored: the page says an import has begun while it parses that batch, and
   * the worker, the import's slower side, had spent ~0.3 s of its time on
   * this after batch 0 came (its reads queued behind the page's writes).
   */
  begin(store: () => Promise<AtlasStore>): Promise<StreamBuild> {
    if (!this.starting) {
      this.starting = store().then((s) => this.start(s));
      this.starting.catch(() => undefined); // met by the first batch, which drops the prebuild
    }
    return this.starting;
  }

  /** Queues batch `chunk` (they must come 0, 1, 2, ...). */
  stage(store: () => Promise<AtlasStore>, chunk: number, duplicates: number, authorRefs?: readonly number[]): void {
    this.waiting++;
    this.announced = Math.max(this.announced, chunk);
    // Announced while the one before is indexed: its read waits on IndexedDB meanwhile.
    if (chunk === this.chunks + 1) this.readAhead(store, chunk);
    this.queue = this.queue
      .then(async () => {
        if (this.dropped) return;
        if (duplicates > 0) return this.drop('the file lists a paper twice');
        if (chunk !== this.chunks) return this.drop(`batch ${chunk} came when ${this.chunks} was expected`);
        const s = await store();
        const stream = this.stream ?? (await this.begin(store));
        const t0 = Date.now();
        const read = this.ahead?.chunk === chunk ? this.ahead.read : this.read(s, chunk);
        if (this.announced > chunk) this.readAhead(store, chunk + 1);
        const { papers, authors } = await read;
        const t1 = Date.now();
        stream.addAuthors(authors);
        // The import numbered its authors as it met them (a batch lists its new
        // ones): the names come as numbers, no key worked out again here.
        stream.numberAuthors(authors);
        stream.addChunk([this.importId, chunk], papers, authorRefs);
        this.readMs += t1 - t0;
        this.chunks++;
        // No batch waiting: the page is still parsing the next one, time for some of the finishing.
        if (this.waiting === 1) stream.prepareFinish();
        this.indexMs += Date.now() - t1;
        await this.flush(s);
      })
      .catch((error: unknown) => this.drop(String(error)))
      .finally(() => this.waiting--);
  }

  /** Batch `chunk` as stored: its papers and its authors (each import batch stores both). */
  private async read(store: AtlasStore, chunk: number): Promise<Batch> {
    const key: [string, number] = [this.importId, chunk];
    const [papers, authors] = await Promise.all([readChunk(store, key), store.authorChunk(key)]);
    return { papers, authors: authors ?? [] };
  }

  /**
   * Begins reading batch `chunk` before its turn (one batch ahead at most, so
   * a long queue holds no more in memory). A failure is met at its turn.
   */
  private readAhead(store: () => Promise<AtlasStore>, chunk: number): void {
    if (this.dropped || this.ahead?.chunk === chunk) return;
    const read = store().then((s) => this.read(s, chunk));
    read.catch(() => undefined); // awaited, and its failure handled, at the batch's turn
    this.ahead = { chunk, read };
  }

  private async flush(store: AtlasStore): Promise<void> {
    this.storing ||= (this.stream?.size ?? 0) > this.keepAbstracts;
    if (!this.storing) return;
    if (this.abstracts.length) await store.putAbstractChunks(this.nonce, this.abstracts);
    this.abstracts = [];
  }

  private drop(why?: string): void {
    if (why && !this.dropped) this.log?.(`indexing the import while it is written stopped (${why}); it is indexed after its commit`);
    this.dropped = true;
    this.stream = undefined;
    this.ahead = undefined;
    this.abstracts = [];
  }

  /** Indexes the committed datasets first: they come before the import, as in a full build. */
  private async start(store: AtlasStore): Promise<StreamBuild> {
    // Committed only; the import itself too when its first batch comes after
    // the commit (a one-batch file): its batches come through stage() alone.
    const metas = (await store.list()).filter((m) => m.id !== this.importId);
    this.baseToken = datasetsToken(metas);
    const stream = new StreamBuild((no, abstracts) => this.abstracts.push({ no, abstracts }));
    await streamDatasets(store, stream, metas, () => this.flush(store));
    stream.beginDataset(this.importId);
    this.stream = stream;
    return stream;
  }

  /** Whether `metas` (the catalog) has this import committed. */
  covers(metas: readonly DatasetMeta[]): boolean {
    return metas.some((m) => m.id === this.importId);
  }

  /**
   * The index over `metas` (the catalog after the commit) if this prebuild
   * holds exactly those datasets: every stored batch of the import, and the
   * other datasets as they were when it began. `stored`: the snapshot
   * record's write, begun after the index is ready.
   */
  async finish(store: AtlasStore, metas: readonly DatasetMeta[]): Promise<{ loaded: LoadedSnapshot; stored: Promise<boolean> } | undefined> {
    const start = Date.now();
    await this.queue;
    const caughtUp = Date.now();
    const { stream } = this;
    if (this.dropped || !stream) return undefined;
    try {
      const others = metas.filter((m) => m.id !== this.importId);
      if (others.length !== metas.length - 1 || datasetsToken(others) !== this.baseToken) return undefined;
      if ((await store.paperChunkKeys(this.importId)).length !== this.chunks) return undefined;
      const ticket = await store.reserveSnapshot();
      const { record, loaded, kept } = this.storing
        ? { ...(await finishStored(store, stream, this.nonce, () => this.flush(store))), kept: [] }
        : await this.finishKept(store, stream);
      this.log?.(`prebuild: batches read in ${this.readMs} ms and indexed in ${this.indexMs} ms in all; after the commit ${caughtUp - start} ms indexing the last ones, ${Date.now() - caughtUp} ms finishing`);
      // Stored while the first answers go out.
      return { loaded, stored: storeSnapshot(store, datasetsToken(metas), record, ticket, kept, this.nonce) };
    } finally {
      this.drop(); // used once, whatever happened
    }
  }

  /** Finishes with the abstracts kept in memory: the merges' changes applied there, the index answering from them. */
  private async finishKept(store: AtlasStore, stream: StreamBuild): Promise<{ record: ServiceSnapshot; loaded: LoadedSnapshot; kept: string[][] }> {
    const patched = await applyStoredMerges(store, stream);
    const record = stream.finish(this.nonce); // hands out the last, partial chunk
    const kept: string[][] = [];
    for (const c of this.abstracts) kept[c.no] = c.abstracts;
    for (const [ord, text] of patched) {
      const chunk = kept[Math.floor(ord / ABSTRACT_CHUNK)];
      if (chunk) chunk[ord % ABSTRACT_CHUNK] = text;
    }
    const chunks = new AbstractChunks();
    kept.forEach((chunk, no) => chunks.add(no, chunk));
    return { record, loaded: readSnapshot(record, chunks), kept };
  }
}
