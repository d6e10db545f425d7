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
}

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
  const t = await page.evaluate(() => {
    const times = (window as unknown as { __paTimes?: { painted?: number; shell?: number; host?: number } }).__paTimes ?? {};
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    return { painted: times.painted ?? NaN, shell: times.shell ?? NaN, host: times.host ?? NaN, dcl: nav?.domContentLoadedEventEnd ?? NaN };
  });
  return { painted: Math.round(t.painted), shell: Math.round(t.shell), host: Math.round(t.host), dcl: Math.round(t.dcl) };
}

/** The q-quantile (0..1) of `xs`, nearest rank. */
export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

/** One line for the test log: median and p95 of each timing. */
export function describeTimings(label: string, timings: readonly SidebarTiming[]): string {
  const col = (k: keyof SidebarTiming) => {
    const xs = timings.map((t) => t[k]);
    return `median ${quantile(xs, 0.5)} ms, p95 ${quantile(xs, 0.95)} ms`;
  };
  return (
    `[measure] ${label} (${timings.length} pages): navigation start -> sidebar body painted ${col('painted')}` +
    ` | shell painted ${col('shell')} | host attached ${col('host')} | DOMContentLoaded ${col('dcl')}`
  );
}
