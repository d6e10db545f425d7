import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import type { Author, Paper } from '../../src/dataset/schema.ts';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS, REPO_ROOT } from './support/constants.ts';
import { startArxivSite, type ArxivSiteServer } from './support/site.ts';
import { HAVE_SAMPLE, readSample, seedDataset } from './popup-seed.ts';

/** Papers of the shared sample in the "imported slice". */
const SLICE = 3000;
/** The 75k measurement is slow (minutes on 2 cores): opt in with PAPER_ATLAS_PERF=1. */
const PERF = process.env.PAPER_ATLAS_PERF === '1';

async function openSeeded(limit: number): Promise<{ server: ArxivSiteServer; browser: ExtensionBrowser; popup: Page; data: { papers: Paper[]; authors: Author[] } }> {
  const data = await readSample(limit);
  const server = await startArxivSite();
  const browser = await launchWithExtension({ port: server.port, headless: E2E_HEADLESS });
  await seedDataset(browser, 'sample', data);
  const popup = await browser.openPopup();
  await popup.setViewportSize({ width: 420, height: 600 });
  // The first question after the reload waits for the worker to build the index.
  // (the embedded default dataset is the other one).
  await popup.locator('.pp-footer', { hasText: '2 datasets' }).waitFor({ timeout: 200_000 });
  return { server, browser, popup, data };
}

describe.skipIf(!HAVE_SAMPLE)('popup on an imported slice of ../shared/data', () => {
  let ctx: Awaited<ReturnType<typeof openSeeded>>;
  beforeAll(async () => {
    ctx = await openSeeded(SLICE);
  }, 240_000);
  afterAll(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
  });

  const search = async (q: string) => {
    const input = ctx.popup.locator('input[type=search]');
    await input.fill('');
    await input.pressSequentially(q, { delay: 5 });
    await ctx.popup.locator(`#pp-results[data-query="${q.replace(/"/g, '\\"')}"]`).waitFor();
    return ctx.popup.locator('[role=option]');
  };
  /** Clicks "Show more" until every fetched result is listed. */
  const showAll = async () => {
    const more = ctx.popup.locator('.pp-more');
    while (await more.count()) await more.click();
  };
  const selectedTitle = () => ctx.popup.locator('[role=option][aria-selected=true] .pp-title').textContent();

  test('10 results at first; "Show more" (click, Tab + Enter, or ↓ on the last row) adds the next, the selection kept', async () => {
    const input = ctx.popup.locator('input[type=search]');
    const options = await search('learning');
    expect(await options.count()).toBe(10);
    const more = ctx.popup.locator('.pp-more');
    await expect(more.textContent()).resolves.toBe('Show 10 more');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    const third = await selectedTitle();
    expect(third).toBe((await options.locator('.pp-title').allTextContents())[2]);
    await more.click();
    expect(await options.count()).toBe(20);
    expect(await selectedTitle()).toBe(third);
    expect(await ctx.popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Search your dataset');
    expect(await more.count()).toBe(0); // 20 fetched, all shown

    // Keyboard only: Tab from the box reaches the button, Enter presses it.
    await search('learning');
    expect(await options.count()).toBe(10);
    await input.press('ArrowDown');
    const second = await selectedTitle();
    await input.press('Tab');
    expect(await ctx.popup.evaluate(() => document.activeElement?.className)).toBe('pp-more');
    await ctx.popup.keyboard.press('Enter');
    expect(await options.count()).toBe(20);
    expect(await selectedTitle()).toBe(second);

    // ↓ on the last row brings in the next rows and selects the first of them.
    await search('learning');
    await input.press('ArrowUp'); // wraps to the last row shown
    expect(await selectedTitle()).toBe((await options.locator('.pp-title').allTextContents())[9]);
    await input.press('ArrowDown');
    expect(await options.count()).toBe(20);
    expect(await selectedTitle()).toBe((await options.locator('.pp-title').allTextContents())[10]);

    // The next query's results start again at the top, one page.
    await input.pressSequentially(' model');
    await ctx.popup.locator('#pp-results[data-query="learning model"]').waitFor();
    expect(await options.count()).toBeLessThanOrEqual(10);
    expect(await selectedTitle()).toBe((await options.locator('.pp-title').allTextContents())[0]);
  });

  test('typing faster than the background answers ends on the last query, searched once', async () => {
    const typed = 'graph neural network';
    const list = ctx.popup.locator('#pp-results');
    // The reference: the same query typed slowly.
    const options = await search(typed);
    const want = await options.locator('.pp-title').allTextContents();
    expect(want.length).toBeGreaterThan(0);
    await ctx.popup.locator('input[type=search]').fill('');
    await ctx.popup.locator('#pp-results[data-query=""]').waitFor({ state: 'attached' });
    // Every prefix as an input event in one burst: all arrive while the first search is in flight.
    const searched = await ctx.popup.evaluate((text) => {
      performance.clearMeasures('pa-search-reply');
      const input = document.querySelector('input[type=search]') as HTMLInputElement;
      for (let i = 1; i <= text.length; i++) {
        input.value = text.slice(0, i);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      return text.length;
    }, typed);
    await ctx.popup.locator(`#pp-results[data-query="${typed}"]`).waitFor({ state: 'attached' });
    await ctx.popup.waitForTimeout(500); // time for any late answer to (wrongly) overwrite it
    expect(await list.getAttribute('data-query')).toBe(typed);
    expect(await options.locator('.pp-title').allTextContents()).toEqual(want);
    const replies = await ctx.popup.evaluate(() => performance.getEntriesByName('pa-search-reply').map((m) => String((m as PerformanceMeasure).detail)));
    // The first keystroke's search and then only the newest: the ones in between were skipped.
    expect(replies).toEqual([typed.slice(0, 1), typed]);
    expect(searched).toBe(typed.length);
  });

  test('au: finds every paper of an author in the slice, the name marked', async () => {
    const counts = new Map<string, number>();
    for (const p of ctx.data.papers) for (const a of p.authors) counts.set(a, (counts.get(a) ?? 0) + 1);
    const [name, n] = [...counts].filter(([a]) => a.split(' ').length === 2).sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    const options = await search(`au:"${name}"`);
    await showAll();
    expect(await options.count()).toBe(Math.min(n, 20));
    expect(await options.first().locator('.pp-authors mark').first().textContent()).toBe(name);
  });

  test('cat:, y:, code: and a phrase are applied', async () => {
    const options = await search('cat:cs.CV y:2025 code:yes "image segmentation"');
    await showAll();
    const count = await options.count();
    const want = ctx.data.papers.filter(
      (p) => p.categories.includes('cs.CV') && p.date.startsWith('2025') && p.hasCode && /image segmentation/i.test(`${p.title} ${p.abstract}`.replace(/\s+/g, ' ')),
    );
    expect(count).toBe(Math.min(want.length, 20));
    for (const meta of await options.locator('.pp-row').allTextContents()) expect(meta).toMatch(/^2025 · .*Code/);
  });

  test('ti: keeps only title matches; arrows and Enter open the arXiv page', async () => {
    const options = await search('ti:transformer');
    expect(await options.count()).toBeGreaterThan(2);
    for (const t of await options.locator('.pp-title').allTextContents()) expect(t.toLowerCase()).toContain('transformer');
    const input = ctx.popup.locator('input[type=search]');
    await input.press('ArrowDown');
    await input.press('ArrowDown');
    const title = await ctx.popup.locator('[role=option][aria-selected=true] .pp-title').textContent();
    const paper = ctx.data.papers.find((p) => p.title.replace(/\s+/g, ' ').includes((title ?? '').slice(0, 30)));
    const [tab] = await Promise.all([ctx.browser.context.waitForEvent('page'), input.press('Enter')]);
    expect(tab.url()).toBe(`https://arxiv.org/abs/${paper?.arxivId}`);
    await tab.close();
  });
});

describe.skipIf(!HAVE_SAMPLE || !PERF)('per-keystroke cost with the 74,728-paper sample', () => {
  let ctx: Awaited<ReturnType<typeof openSeeded>>;
  beforeAll(async () => {
    ctx = await openSeeded(Infinity);
  }, 600_000);
  afterAll(async () => {
    await ctx?.browser.close();
    await ctx?.server.close();
  });

  test('input event to results painted: p95 ≤ 50 ms', { timeout: 300_000 }, async () => {
    const { popup } = ctx;
    // Records, per input event, the time until the list shows that query — or a newer one, for a keystroke
    // whose query was skipped (the popup searches only the newest) — and the frame after it is painted.
    await popup.evaluate(() => {
      const input = document.querySelector('input[type=search]') as HTMLInputElement;
      const list = document.getElementById('pp-results') as HTMLElement;
      const pending: { value: string; t0: number }[] = [];
      const out: { value: string; ms: number; skipped: boolean }[] = [];
      (globalThis as unknown as { latencies: typeof out }).latencies = out;
      input.addEventListener('input', (e) => pending.push({ value: input.value, t0: e.timeStamp }), { capture: true });
      new MutationObserver(() => {
        const shown = list.dataset.query;
        const at = pending.findIndex((p) => p.value === shown);
        if (at < 0) return;
        // This query and every older one still waiting are answered by what is painted now.
        const done = pending.splice(0, at + 1);
        requestAnimationFrame(() =>
          setTimeout(() => {
            const t = performance.now();
            for (const d of done) out.push({ value: d.value, ms: t - d.t0, skipped: d.value !== shown });
          }, 0),
        );
      }).observe(list, { attributes: true, childList: true, subtree: true });
    });
    const queries = ['diffusion models for image generation', 'au:"yann lecun"', 'large language model reasoning', 'cat:cs.CV y:2025 segmentation', 'graph neural networks', '"reinforcement learning" robot', 'ti:transformer code:yes', 'quantum error correction'];
    const input = popup.locator('input[type=search]');
    for (const q of queries) {
      await input.fill('');
      await input.pressSequentially(q, { delay: 90 });
      await popup.waitForTimeout(300);
    }
    // Where the time goes: the popup marks each reply's round trip (ask, background search, reply parse); the rest is
    // waiting for the search in flight, render and paint. Skipped keystrokes have no round trip of their own.
    const lat = await popup.evaluate(() => {
      const trips = new Map<string, number>();
      for (const m of performance.getEntriesByName('pa-search-reply')) trips.set(String((m as PerformanceMeasure).detail), m.duration);
      return (globalThis as unknown as { latencies: { value: string; ms: number; skipped: boolean }[] }).latencies.map((l) => ({ ...l, roundTripMs: l.skipped ? undefined : trips.get(l.value) }));
    });
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const pctOf = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
    const ms = sorted(lat.map((l) => l.ms));
    const pct = (p: number) => pctOf(ms, p);
    const trips = sorted(lat.flatMap((l) => (l.roundTripMs === undefined ? [] : [l.roundTripMs])));
    const rest = sorted(lat.flatMap((l) => (l.roundTripMs === undefined ? [] : [l.ms - l.roundTripMs])));
    const report = {
      keystrokes: ms.length, skipped: lat.filter((l) => l.skipped).length, p50: pct(50), p95: pct(95), max: ms[ms.length - 1], typed: queries.join('').length,
      roundTrip: { p50: pctOf(trips, 50), p95: pctOf(trips, 95) },
      renderAndPaint: { p50: pctOf(rest, 50), p95: pctOf(rest, 95) },
    };
    mkdirSync(path.join(REPO_ROOT, 'test-results'), { recursive: true });
    writeFileSync(path.join(REPO_ROOT, 'test-results/popup-keystroke-latency.json'), JSON.stringify({ ...report, samples: lat }, null, 1));
    console.info('[popup perf]', JSON.stringify(report));
    expect(ms.length).toBeGreaterThan(report.typed * 0.8);
    expect(report.p95).toBeLessThanOrEqual(50);
  });
});
