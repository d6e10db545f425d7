import type { AtlasStore } from './db';
import { runImport, type ImportProgress, type ImportSummary, type RunImportOptions, type StagedBatch } from './import-run';

/**
 * An import runs in a dedicated worker of the options page, not on the
 * page's own thread. Chromium runs an extension page's V8 heap in its
 * memory-saving mode (every full GC compacts and gives pages back), which
 * made the parse's garbage cost more than the parse itself; a worker's heap
 * grows normally, and the page stays free to paint the progress bar.
 * These are the two ends of that conversation, DOM-free so Node tests drive
 * them through a MessageChannel. The worker cannot reach the background
 * (extension APIs are not in workers), so it hands `begun` and `staged`
 * to the page, which forwards them.
 */

export interface ImportJob {
  blob: Blob;
  fileName?: string;
}

export type ToWorker = ({ type: 'start' } & ImportJob) | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'begun'; importId: string }
  | { type: 'staged'; staged: StagedBatch }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; name: string; message: string };

/** What both ends need of a Worker, a MessagePort or the worker's own scope. */
export interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (e: MessageEvent) => void): void;
}

/** The worker's side: runs each `start` it is sent, one at a time (the page sends one per worker). */
export function serveImports(port: Port, openStore: () => Promise<Pick<AtlasStore, 'beginImport'>>, opts: Pick<RunImportOptions, 'holdLock' | 'batchSize'> = {}): void {
  let controller: AbortController | undefined;
  const send = (m: FromWorker) => port.postMessage(m);
  port.addEventListener('message', (e: MessageEvent) => {
    const m = e.data as ToWorker;
    if (m.type === 'cancel') {
      controller?.abort();
      return;
    }
    if (m.type !== 'start' || controller) return;
    controller = new AbortController();
    const signal = controller.signal;
    void (async () => {
      try {
        const summary = await runImport({
          store: await openStore(),
          stream: m.blob.stream(),
          totalBytes: m.blob.size,
          signal,
          onProgress: (progress) => send({ type: 'progress', progress }),
          onBegun: (importId) => send({ type: 'begun', importId }),
          onStaged: (staged) => send({ type: 'staged', staged }),
          ...(m.fileName !== undefined ? { fileName: m.fileName } : {}),
          ...opts,
        });
        send({ type: 'done', summary });
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        send({ type: 'failed', name: error.name, message: error.message });
      }
    })();
  });
}

export interface ImportCallbacks {
  signal: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  onBegun?: (importId: string) => void;
  onStaged?: (s: StagedBatch) => void;
}

/**
 * The page's side: starts `job` on `port` (a fresh worker) and settles with
 * its summary, or rejects with its error (an AbortError after a cancel, or
 * the worker's own when it could not run at all).
 */
export function importThrough(port: Port, job: ImportJob, cb: ImportCallbacks): Promise<ImportSummary> {
  return new Promise<ImportSummary>((resolve, reject) => {
    const onAbort = () => port.postMessage({ type: 'cancel' } satisfies ToWorker);
    const settle = (done: () => void) => {
      port.removeEventListener('message', listener);
      port.removeEventListener('error', failed);
      cb.signal.removeEventListener('abort', onAbort);
      done();
    };
    const listener = (e: MessageEvent) => {
      const m = e.data as FromWorker;
      if (m.type === 'progress') cb.onProgress?.(m.progress);
      else if (m.type === 'begun') cb.onBegun?.(m.importId);
      else if (m.type === 'staged') cb.onStaged?.(m.staged);
      else if (m.type === 'done') settle(() => resolve(m.summary));
      else settle(() => reject(Object.assign(new Error(m.message), { name: m.name })));
    };
    // A worker script that fails to load or throws outside the import: say so rather than wait forever.
    const failed = (e: Event) => {
      const detail = (e as ErrorEvent).message;
      settle(() => reject(new Error(`the import stopped: its worker failed${detail ? ` (${detail})` : ''}; nothing was changed`)));
    };
    port.addEventListener('message', listener);
    port.addEventListener('error', failed);
    cb.signal.addEventListener('abort', onAbort);
    port.postMessage({ type: 'start', ...job } satisfies ToWorker);
    if (cb.signal.aborted) onAbort();
  });
}
