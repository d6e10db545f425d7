import type { ImportProblem } from '../dataset/profile-importer';
import { parseProfile } from '../dataset/profile-importer';
import type { Author, Paper } from '../dataset/schema';
import { importArxivJsonl, openImport, parseNativeDataset, type ContentFormat } from '../import/index';
import type { AtlasStore, StagingImport } from './db';
import { importLockName, newImportId } from './staging';

/**
 * One import, from a byte stream to a committed dataset: detect the format by
 * content, parse, write batches under a staging id, commit at the end. Any
 * error or a cancel deletes what was staged, so the stored datasets are
 * exactly what they were before. DOM-free: runs in a page or a worker.
 */

export interface ImportProgress {
  format: ContentFormat;
  papers: number;
  skipped: number;
  bytesRead: number;
  totalBytes?: number;
  elapsedMs: number;
  papersPerSecond: number;
}

export interface ImportSummary {
  datasetId: string;
  name: string;
  format: ContentFormat;
  /** Distinct papers stored in the new dataset. */
  papers: number;
  /** Papers listed twice in the file, merged into one record. */
  duplicates: number;
  /** Records that could not be read; `problems` has the first few with line and reason. */
  skipped: number;
  problems: ImportProblem[];
  authors: number;
  elapsedMs: number;
}

export interface StagedBatch {
  importId: string;
  chunk: number;
  duplicates: number;
  authorRefs?: number[];
}

export interface RunImportOptions {
  store: Pick<AtlasStore, 'beginImport'>;
  stream: ReadableStream<Uint8Array>;
  fileName?: string;
  /** Size of the file, for a progress fraction. */
  totalBytes?: number;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /**
   * After each batch is stored: its number under the import's staging id,
   * and the papers met twice so far (the background indexes stored batches
   * while the next is parsed, see src/background/prebuild.ts), and for arXiv
   * metadata the batch's author numbers (ArxivBatch.authorRefs).
   */
  onStaged?: (s: StagedBatch) => void;
  /** The file's format is known and its import `importId` begins (before any batch is stored). */
  onBegun?: (importId: string) => void;
  batchSize?: number;
  /** Runs `fn` while holding the import's liveness lock; default Web Locks when present. */
  holdLock?: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  now?: () => number;
}

export const FORMAT_LABELS: Record<ContentFormat, string> = {
  'jsonl-arxiv': 'arXiv metadata (JSON lines)',
  'paper-atlas-json': 'Paper Atlas JSON',
  'profile-text': 'researcher profile text',
  unknown: 'unknown',
};

/** Enough for the summary to show what went wrong and where; the count says how many more. */
const MAX_PROBLEMS = 100;
const DEFAULT_BATCH = 2000;

const webLock = <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  // request() resolves with what fn resolves with; lib.dom types it as the promise itself.
  return locks ? (locks.request(name, fn) as Promise<unknown> as Promise<T>) : fn();
};

export async function runImport(opts: RunImportOptions): Promise<ImportSummary> {
  const id = newImportId();
  return (opts.holdLock ?? webLock)(importLockName(id), () => importLocked(id, opts));
}

async function importLocked(id: string, opts: RunImportOptions): Promise<ImportSummary> {
  const now = opts.now ?? (() => performance.now());
  const start = now();
  const size = Math.max(1, opts.batchSize ?? DEFAULT_BATCH);
  opts.signal?.throwIfAborted();
  const file = await openImport(opts.stream);
  if (file.format === 'unknown') {
    await opts.stream.cancel().catch(() => undefined);
    throw new Error('not a file Paper Atlas can read: expected arXiv metadata (one JSON object per line), a Paper Atlas JSON export, or the text of a researcher profile');
  }
  opts.onBegun?.(id);

  const label = FORMAT_LABELS[file.format];
  let name = opts.fileName ? opts.fileName.replace(/\.(jsonl?|txt)?(\.gz)?$/i, '') || opts.fileName : label;
  let papers = 0;
  let duplicates = 0;
  let skipped = 0;
  const problems: ImportProblem[] = [];
  const noteProblems = (list: readonly ImportProblem[]) => {
    skipped += list.length;
    problems.push(...list.slice(0, Math.max(0, MAX_PROBLEMS - problems.length)));
  };
  const progress = (bytesRead: number) => {
    const elapsedMs = now() - start;
    opts.onProgress?.({
      format: file.format, papers, skipped, bytesRead, elapsedMs,
      ...(opts.totalBytes !== undefined ? { totalBytes: opts.totalBytes } : {}),
      papersPerSecond: elapsedMs > 0 ? Math.round((papers * 1000) / elapsedMs) : 0,
    });
  };

  let staging: StagingImport | undefined;
  let batches = 0;
  let duplicatesStored = 0;
  // One batch is written while the next is parsed: IndexedDB works in the
  // browser process, parsing here, so the two overlap on two cores.
  let inflight: Promise<{ duplicates: number }> | undefined;
  const settle = async () => {
    if (inflight) duplicates += (await inflight).duplicates;
    inflight = undefined;
  };
  const write = async (batch: readonly Paper[], authors: readonly Author[], authorRefs?: number[]) => {
    opts.signal?.throwIfAborted();
    staging ??= await opts.store.beginImport({ id, name, origin: `${label}${opts.fileName ? `: ${opts.fileName}` : ''}` });
    await settle();
    const chunk = batches++;
    inflight = staging.write(batch, authors).then((r) => {
      duplicatesStored += r.duplicates;
      opts.onStaged?.({ importId: id, chunk, duplicates: duplicatesStored, ...(authorRefs ? { authorRefs } : {}) });
      return r;
    });
    papers += batch.length;
  };

  try {
    if (file.format === 'jsonl-arxiv') {
      for await (const b of importArxivJsonl(file.lines(), { batchSize: size, bytesRead: file.bytesRead })) {
        noteProblems(b.problems);
        await write(b.papers, b.authors, b.authorRefs);
        progress(b.bytesRead ?? 0);
      }
    } else {
      const text = await file.text();
      opts.signal?.throwIfAborted();
      let all: { papers: Paper[]; authors: Author[] };
      if (file.format === 'paper-atlas-json') {
        const ds = parseNativeDataset(text);
        name = ds.name;
        all = ds;
      } else {
        const profile = parseProfile(text, opts.fileName ? { source: `profile:${opts.fileName}` } : {});
        if (profile.papers.length === 0) {
          const first = profile.problems[0];
          throw new Error(`no papers found in the profile text${first ? `; line ${first.line}: ${first.message}` : ''}`);
        }
        noteProblems(profile.problems);
        if (!opts.fileName) name = `${profile.owner.name} (profile)`;
        all = profile;
      }
      for (let i = 0; i < Math.max(1, all.papers.length); i += size) {
        await write(all.papers.slice(i, i + size), i === 0 ? all.authors : []);
        progress(file.bytesRead());
      }
    }
    await settle();
    opts.signal?.throwIfAborted();
    if (!staging) throw new Error('the file has no papers');
    const meta = await staging.commit();
    return { datasetId: meta.id, name: meta.name, format: file.format, papers: meta.papers, duplicates, skipped, problems, authors: meta.authors, elapsedMs: now() - start };
  } catch (error) {
    // Wait for the batch in flight, so the delete below comes after it.
    await inflight?.catch(() => undefined);
    await staging?.abort().catch(() => undefined);
    throw error;
  }
}
