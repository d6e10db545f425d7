import { RequestSchema, ResponseSchema, type ParsedRequest, type Request } from './protocol';

/**
 * A second way from the options page to the background, for import batches
 * only: postMessage to the extension's service worker, which hands the
 * records over by structured clone. The runtime messages serialize as JSON
 * (slower for 2,000 papers), and having the worker read each batch back from
 * IndexedDB made the page's next write wait for that read (IndexedDB takes
 * them in turn). The worker answers on a MessagePort sent along, once the
 * batch is queued: the page waits for the last answer before it says
 * 'datasets-changed' (a runtime message), which could otherwise overtake
 * the batch on its separate channel and find the import not indexed.
 */

export type ImportStagedMessage = Extract<Request, { type: 'import-staged' }>;
/** Resolves when the worker took the batch; rejects when it did not answer in time. */
export type PostToWorker = (message: ImportStagedMessage) => Promise<void>;

/** A worker that takes longer than this to queue a batch was stopped or replaced; the page moves on. */
export const ANSWER_WITHIN_MS = 10_000;

/**
 * Posts to this extension's active service worker; undefined where there is
 * none (Firefox runs the background as an event page, a worker may be
 * missing or being replaced): callers then use the runtime message.
 * getRegistration, not `ready`, which never settles without a worker.
 */
export async function workerPoster(answerWithinMs = ANSWER_WITHIN_MS): Promise<PostToWorker | undefined> {
  const container = (globalThis.navigator as Navigator | undefined)?.serviceWorker;
  const registration = await container?.getRegistration().catch(() => undefined);
  const worker = registration?.active;
  if (!worker) return undefined;
  // postMessage wakes a stopped worker: the ServiceWorker object outlives its runs.
  return (message) =>
    new Promise<void>((resolve, reject) => {
      const channel = new MessageChannel();
      const timer = setTimeout(() => done(new Error(`the background did not take batch ${message.chunk} within ${answerWithinMs} ms`)), answerWithinMs);
      const done = (error?: Error) => {
        clearTimeout(timer);
        channel.port1.close();
        if (error) reject(error);
        else resolve();
      };
      channel.port1.onmessage = (event: MessageEvent<unknown>) => {
        const answer = ResponseSchema.safeParse(event.data);
        if (answer.success && answer.data.type === 'import-staged') done();
        else done(new Error(answer.success && answer.data.type === 'error' ? answer.data.message : 'the background sent an answer it could not read'));
      };
      worker.postMessage(message, [channel.port2]);
    });
}

export type PostedRoute = { handled: false; reason: string } | { handled: true; request: ParsedRequest & { type: 'import-staged' } };

/**
 * Checks a message posted to the worker: from this extension's own origin
 * (a service worker only hears its same-origin clients, and the check keeps
 * an event page's window messages out), a valid request of the one
 * protocol, and an import batch: nothing else is posted.
 */
export function routePosted(data: unknown, origin: string, ownOrigin: string): PostedRoute {
  if (origin !== ownOrigin) return { handled: false, reason: `refused a message posted from ${origin || 'an unknown origin'}` };
  const parsed = RequestSchema.safeParse(data);
  if (!parsed.success) return { handled: false, reason: `dropped malformed posted message: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  if (parsed.data.type !== 'import-staged') return { handled: false, reason: `dropped a posted "${parsed.data.type}": only import batches are posted, the rest is asked through runtime messages` };
  return { handled: true, request: parsed.data };
}
