import { browser } from 'wxt/browser';
import { settingsPort } from '../settings/settings';
import type { Request } from './protocol';

/**
 * How often an arXiv page in view asks the background to stay ready:
 * under Chromium's 30 s limit, after which an idle extension worker is
 * stopped. A reader who spends a minute on a page would otherwise find the
 * worker stopped on the next click, and that page's sidebar would wait for
 * the index to be loaded again (0.5-0.8 s while the page itself loads, by
 * bench/sidebar-browser.ts --linger, against ~0.2 s with the worker running).
 */
export const KEEP_READY_MS = 25_000;

/**
 * Where the beat is scheduled: a content script passes its context (WXT's
 * ctx.setInterval, stopped with the script); its ids clear with clearInterval.
 */
export interface KeepReadyTimers {
  setInterval(run: () => void, ms: number): number;
}

/**
 * Calls `ask` every KEEP_READY_MS while `doc` is visible, and at once when it
 * becomes visible again (the worker may have been stopped while the tab was
 * in the background: it starts loading before the next click). A hidden
 * page asks nothing, so the worker goes idle when no arXiv page is in view.
 * Returns a function that stops it.
 */
export function keepReady(doc: Document, ask: () => void, timers: KeepReadyTimers): () => void {
  let interval: number | undefined;
  const start = () => {
    if (interval === undefined) interval = timers.setInterval(ask, KEEP_READY_MS);
  };
  const stop = () => {
    if (interval !== undefined) clearInterval(interval);
    interval = undefined;
  };
  const onVisibility = () => {
    if (doc.visibilityState !== 'visible') return stop();
    ask();
    start();
  };
  if (doc.visibilityState === 'visible') start();
  doc.addEventListener('visibilitychange', onVisibility);
  return () => {
    stop();
    doc.removeEventListener('visibilitychange', onVisibility);
  };
}

/**
 * Asks the background to stay ready (the 'keep-ready' request), unless the
 * reader turned that off in the options. A failure (the worker being
 * replaced) is left to the next beat.
 */
export function askKeepReady(): void {
  const request: Request = { type: 'keep-ready' };
  settingsPort
    .load()
    .then((s) => (s.keepReady ? browser.runtime.sendMessage(request) : undefined))
    .catch(() => undefined);
}
