import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Paper } from '../../src/dataset/schema.ts';
import { HAVE_SAMPLE, readSample, seedDataset } from './popup-seed.ts';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS } from './support/constants.ts';
import { choosePerfPages, pageFor } from './support/perf-pages.ts';
import { loadSeedPapers } from './support/seed-pages.ts';
import type { ServedPage } from './support/server.ts';
import { describeTimings, quantile, recordSidebarTimings, timeSidebar, type SidebarTiming } from './support/sidebar-timing.ts';
import { startArxivSite, type ArxivSiteServer } from './support/site.ts';

/**
 * Issue #5's figure: navigation start → sidebar visible with the 74,728-paper
 * sample loaded, worker warm. Importing 75k takes minutes on 2 cores, so it
 * is opt-in:
 *   npx wxt build && PAPER_ATLAS_PERF=1 npx vitest run --project e2e tests/e2e/sidebar-perf.test.ts
 * Reported, not asserted (speed is for reports, not for pass/fail).
 */
const PERF = process.env.PAPER_ATLAS_PERF === '1';
/** Abstract pages of sample papers to visit (spread evenly over the sample). */
const PAGES = Number(process.env.PAPER_ATLAS_PERF_PAGES ?? 40);
/**
 * A file to write a Chrome trace of one more navigation to (a sample paper
 * not visited before; not counted), to open in chrome://tracing or Perfetto.
 * A page's CDP session traces the page's renderer and the browser process,
 * not the extension's service worker.
 */
const TRACE = process.env.PAPER_ATLAS_PERF_TRACE;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'loading', 'blink', 'blink.user_timing', 'toplevel', 'extensions'];

describe.skipIf(!HAVE_SAMPLE || !PERF)('navigation → sidebar with the 74,728-paper sample', () => {
  let server: ArxivSiteServer;
  let browser: ExtensionBrowser;
  let chosen: Paper[];
  let traced: Paper | undefined;
  let unknown: ServedPage[];
  /** Pages of papers not in the dataset that no test opened or asked about before. */
  let unseen: ServedPage[];

  beforeAll(async () => {
    const data = await readSample();
    ({ chosen, spare: traced, unknown, unseen } = choosePerfPages(data.papers, PAGES));
    server = await startArxivSite({ seedPapers: loadSeedPapers(), extraPages: [...[...chosen, ...(TRACE && traced ? [traced] : [])].map(pageFor), ...unknown] });
    browser = await launchWithExtension({ port: server.port, headless: E2E_HEADLESS });
    await seedDataset(browser, 'sample', data);
    // The first question after seeding waits for the worker to load and index
    // 75k papers: that is the import's cost, not the sidebar's.
    const popup = await browser.openPopup();
    await popup.locator('.pp-footer', { hasText: '2 datasets' }).waitFor({ timeout: 300_000 });
    await popup.close();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('sample papers and seed pages, worker warm', async () => {
    const page = await browser.context.newPage();
    await recordSidebarTimings(page);
    await timeSidebar(page, `https://arxiv.org/abs/${chosen[0]?.arxivId}`, 60_000); // warm-up visit, not counted
    // A page whose sidebar takes over a minute is reported as missing, so one
    // stall does not hide every other figure.
    const run = async (label: string, urls: string[]) => {
      const timings: SidebarTiming[] = [];
      const missing: string[] = [];
      for (const url of urls) {
        try {
          timings.push(await timeSidebar(page, url, 60_000));
        } catch {
          missing.push(url);
        }
      }
      console.log(describeTimings(label, timings) + (missing.length ? ` | NO SIDEBAR within 60 s on ${missing.join(', ')}` : ''));
      return timings;
    };
    // Sample papers: matched by arXiv id, nothing to learn. Seed papers: each
    // match teaches the dataset an arXiv id and authors (the learning step).
    const sample = await run('75k sample, sample-paper pages', chosen.map((p) => `https://arxiv.org/abs/${p.arxivId}`));
    const seed = await run('75k sample, seed pages (learning on)', server.site.seed.map((s) => s.url));
    const outside = await run('75k sample, pages of papers not in the dataset', unknown.map((p) => `https://arxiv.org/abs/${p.id}`));
    console.log(describeTimings('75k sample, all pages', [...sample, ...seed, ...outside]));
    // A returning reader: arXiv's own stylesheets and <head> scripts come
    // from the browser's cache instead of a 404 each (the CDN scripts stay
    // unreachable: every other host resolves to nothing here). Reported
    // beside the figures above, not instead of them.
    server.setStaticAssets('cached');
    await timeSidebar(page, `https://arxiv.org/abs/${chosen[1]?.arxivId}`, 60_000); // fills the cache, not counted
    await run("75k sample, sample-paper pages, arXiv's static assets cached", chosen.map((p) => `https://arxiv.org/abs/${p.arxivId}`));
    server.setStaticAssets('not-found');
    if (TRACE && traced) {
      const cdp = await browser.context.newCDPSession(page);
      const events: unknown[] = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
      const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
      await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: TRACE_CATEGORIES } });
      const timing = await timeSidebar(page, `https://arxiv.org/abs/${traced.arxivId}`, 60_000);
      await cdp.send('Tracing.end');
      await complete;
      writeFileSync(TRACE, JSON.stringify({ traceEvents: events }));
      console.log(`[measure] traced navigation (${TRACE}): ${JSON.stringify(timing)}`);
    }
    await page.close();
    expect(sample.length + seed.length + outside.length).toBeGreaterThan(0);
  }, 600_000);

  test('background lookup reply time (sent from an extension page)', async () => {
    const popup = await browser.openPopup();
    const asPage = (p: { arxivId?: string; id?: string; title: string; authors: readonly string[]; abstract?: string; date?: string; categories?: readonly string[] }) => ({
      arxivId: p.arxivId ?? p.id ?? '',
      title: p.title,
      authors: [...p.authors],
      abstract: p.abstract ?? '',
      date: p.date ?? '',
      ...(p.categories?.[0] ? { primaryCategory: p.categories[0] } : {}),
    });
    const roundTrips = (list: ReturnType<typeof asPage>[]) =>
      popup.evaluate(async (pages) => {
        const rt = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
        const out: number[] = [];
        for (const page of pages) {
          const t0 = performance.now();
          await rt.sendMessage({ type: 'lookup-page', page });
          out.push(Math.round(performance.now() - t0));
        }
        return out;
      }, list);
    const report = (label: string, ms: number[]) =>
      console.log(`[measure] 75k sample, background lookup-page round trip, ${label} (${ms.length}): median ${quantile(ms, 0.5)} ms, p95 ${quantile(ms, 0.95)} ms, max ${quantile(ms, 1)} ms`);
    const known = await roundTrips(chosen.map(asPage));
    report('sample papers (visited above)', known);
    // Not in the dataset and never asked about: the related papers' abstracts
    // (the "similar: …" reasons compare them) may still be in the store.
    const first = await roundTrips(unseen.map(asPage));
    report('papers not in the dataset, first time asked', first);
    report('the same, asked again', await roundTrips(unseen.map(asPage)));
    await popup.close();
    expect(known).toHaveLength(chosen.length);
    expect(first).toHaveLength(unseen.length);
  }, 120_000);
});
