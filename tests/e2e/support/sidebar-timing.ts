import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { waitForSidebar } from './sidebar.ts';

/**
 * Navigation → sidebar timings, all in ms since navigation start
 * (performance.now()'s origin), taken in the page by polling once per
 * animation frame, so each is "the first frame in which it existed".
 */
export interface SidebarTiming {
  /** The answered sidebar body (the panels) is in the shadow root. */
  painted: number;
  /** The sidebar shell (header and "looking up" status) is in the shadow root. */
  shell: number;
  /** The host element is in arXiv's DOM. */
  host: number;
  /** DOMContentLoaded finished. */
  dcl: number;
  /**
   * The navigation's own steps before any script runs: the request sent to
   * the server, and the first byte of its answer.
   */
  request: number;
  response: number;
  /**
   * The page's own first contentful paint: nothing of the page (sidebar
   * included) is on screen before it, so a sidebar in the DOM earlier shows
   * in that first frame.
   */
  fcp: number;
  /**
   * The content script's own marks (performance.mark 'paper-atlas:<step>',
   * shared with the page's timeline): main() started, the lookup by id sent
   * (from the URL, at once), its answer arrived, arXiv's right-hand column
   * parsed, the answer the sidebar shows in hand (the id answer, or the page
   * lookup's when the id did not do). NaN when a step did not run.
   */
  start: number;
  sent: number;
  idReply: number;
  anchor: number;
  /** The page read (readAbsPage), and the lookup by page sent (NaN when the id answer stood). */
  read: number;
  pageSent: number;
  reply: number;
}

/** The content script's marks, in the order they happen. */
const MARKS = ['start', 'sent', 'id-reply', 'anchor', 'read', 'page-sent', 'reply'] as const;

/** Call once per page (tab) before navigating: every later document records its timings. */
export async function recordSidebarTimings(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __paTimes?: { painted?: number; shell?: number; host?: number } };
    const t: { painted?: number; shell?: number; host?: number } = (w.__paTimes = {});
    const poll = () => {
      const host = document.querySelector('paper-atlas-sidebar');
      if (host && t.host === undefined) t.host = performance.now();
      if (host?.shadowRoot?.querySelector('aside') && t.shell === undefined) t.shell = performance.now();
      if (host?.shadowRoot?.querySelector('[data-testid="sidebar-body"]')) t.painted = performance.now();
      else requestAnimationFrame(poll);
    };
    requestAnimationFrame(poll);
  });
}

/** Navigates to `url`, waits for the answered sidebar and returns its timings. */
export async function timeSidebar(page: Page, url: string, timeout?: number): Promise<SidebarTiming> {
  await page.goto(url);
  await waitForSidebar(page, timeout);
  // The body can be found before the recorder's next frame has noted it:
  // wait for that frame (a bounded number of them), or `painted` reads NaN.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        let frames = 0;
        const check = () => {
          const t = (window as unknown as { __paTimes?: { painted?: number } }).__paTimes;
          if (t?.painted !== undefined || ++frames > 120) resolve();
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
  const t = await page.evaluate((steps) => {
    const times = (window as unknown as { __paTimes?: { painted?: number; shell?: number; host?: number } }).__paTimes ?? {};
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const mark = (step: string) => performance.getEntriesByName(`paper-atlas:${step}`, 'mark')[0]?.startTime ?? NaN;
    const [start, sent, idReply, anchor, read, pageSent, reply] = steps.map(mark);
    return { painted: times.painted ?? NaN, shell: times.shell ?? NaN, host: times.host ?? NaN, dcl: nav?.domContentLoadedEventEnd ?? NaN, request: nav?.requestStart ?? NaN, response: nav?.responseStart ?? NaN, fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN, start, sent, idReply, anchor, read, pageSent, reply };
  }, MARKS);
  const r = (x: unknown) => Math.round(typeof x === 'number' ? x : NaN);
  return {
    painted: r(t.painted),
    shell: r(t.shell),
    host: r(t.host),
    dcl: r(t.dcl),
    request: r(t.request),
    response: r(t.response),
    fcp: r(t.fcp),
    start: r(t.start),
    sent: r(t.sent),
    idReply: r(t.idReply),
    anchor: r(t.anchor),
    read: r(t.read),
    pageSent: r(t.pageSent),
    reply: r(t.reply),
  };
}

/** The q-quantile (0..1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** One line for the test log: median and p95 of each timing. */
export function describeTimings(label: string, timings: readonly SidebarTiming[]): string {
  // Over the pages where the step was seen: a NaN would sort anywhere and skew the quantiles.
  const seen = (k: keyof SidebarTiming) => timings.map((t) => t[k]).filter(Number.isFinite);
  const missing = (xs: number[]) => (xs.length < timings.length ? ` (${xs.length} pages)` : '');
  const col = (k: keyof SidebarTiming) => {
    const xs = seen(k);
    return `median ${quantile(xs, 0.5)} ms, p95 ${quantile(xs, 0.95)} ms${missing(xs)}`;
  };
  const med = (k: keyof SidebarTiming) => {
    const xs = seen(k);
    return `${quantile(xs, 0.5)}${missing(xs)}`;
  };
  const own = timings.map((t) => t.painted - Math.max(t.anchor, t.reply)).filter(Number.isFinite);
  const withFcp = timings.filter((t) => Number.isFinite(t.fcp) && Number.isFinite(t.painted));
  const firstFrame = withFcp.filter((t) => t.painted <= t.fcp).length;
  // Nothing of the page is on screen before its first contentful paint: a
  // sidebar in the DOM by then is seen at that paint, not before.
  const onScreen = withFcp.map((t) => Math.max(t.painted, t.fcp));
  return (
    `[measure] ${label} (${timings.length} pages): navigation start -> sidebar body on screen median ${quantile(onScreen, 0.5)} ms, p95 ${quantile(onScreen, 0.95)} ms${missing(onScreen)}` +
    ` | in the DOM at a frame ${col('painted')}` +
    ` | shell painted ${col('shell')} | host attached ${col('host')} | DOMContentLoaded ${col('dcl')}` +
    ` | breakdown (medians, ms since navigation start): request sent ${med('request')}, first byte ${med('response')}, script start ${med('start')}, lookup by id sent ${med('sent')},` +
    ` its answer ${med('idReply')}, anchor parsed ${med('anchor')}, page read ${med('read')}, lookup by page sent ${med('pageSent')}, answer in hand ${med('reply')}, panels ${med('painted')}` +
    // What the sidebar itself adds once both the column and the answer are
    // there (its render, the page's layout and paint, the frame's wait).
    ` | panels after max(anchor parsed, answer in hand): median ${quantile(own, 0.5)} ms, p95 ${quantile(own, 0.95)} ms` +
    ` | the page's own first contentful paint ${col('fcp')}; sidebar body in the DOM by then on ${firstFrame} of ${withFcp.length} pages` +
    // The machine's load now: figures taken on a busy machine are pessimistic.
    ` | load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`
  );
}
