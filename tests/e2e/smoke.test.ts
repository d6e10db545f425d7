import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS, SIDEBAR_HOST } from './support/constants.ts';
import { shot } from './support/screenshots.ts';
import { loadSeedPapers } from './support/seed-pages.ts';
import { startArxivSite, type ArxivSiteServer } from './support/site.ts';

/**
 * Smoke test of the e2e plumbing and the built extension: the browser reaches
 * our local HTTPS "arxiv.org" through the host-resolver mapping, the MV3
 * service worker runs, and the content script mounts its shadow-root sidebar.
 * Needs `wxt build` first (npm run test:e2e does it).
 */
describe('smoke', () => {
  let server: ArxivSiteServer;
  let browser: ExtensionBrowser;
  let page: Page;

  beforeAll(async () => {
    server = await startArxivSite({ seedPapers: loadSeedPapers() });
    browser = await launchWithExtension({ port: server.port, headless: E2E_HEADLESS });
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('https://arxiv.org/abs/... is answered by the local server', async () => {
    const response = await page.goto('https://arxiv.org/abs/1706.03762v7');
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe('https://arxiv.org/abs/1706.03762v7');
    await expect(page.title()).resolves.toBe('[1706.03762] Attention Is All You Need');
    expect(await page.locator('#abs h1.title').textContent()).toContain('Attention Is All You Need');
    expect(server.requests).toContain('GET /abs/1706.03762v7 200');
  });

  test('generated seed pages and title search are served', async () => {
    const seed = server.site.seed[0];
    expect(seed?.id).toBe('9912.00001');
    await page.goto(seed?.url ?? '');
    const citationTitle = await page.locator('meta[name=citation_title]').getAttribute('content');
    expect(citationTitle).toBe(seed?.paper.title);
    expect(await page.locator('#abs blockquote.abstract').count()).toBe(1);

    await page.goto(`https://arxiv.org/search/?query=${encodeURIComponent(seed?.paper.title ?? '')}&searchtype=title`);
    const hrefs = await page.locator('li.arxiv-result p.list-title a').first().getAttribute('href');
    expect(hrefs).toBe(seed?.url);
  });

  test("the extension's service worker is running", async () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect(browser.serviceWorker.url()).toMatch(new RegExp(`^chrome-extension://${browser.extensionId}/`));
    const id = await browser.serviceWorker.evaluate(() => (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id);
    expect(id).toBe(browser.extensionId);
  });

  test(`the content script mounts <${SIDEBAR_HOST}> with a shadow root`, async () => {
    await page.goto('https://arxiv.org/abs/1706.03762v7');
    try {
      await page.waitForSelector(SIDEBAR_HOST, { state: 'attached', timeout: 15_000 });
    } finally {
      await shot(page, 'smoke-1706.03762v7');
    }
    const hasShadowRoot = await page.evaluate((tag) => document.querySelector(tag)?.shadowRoot != null, SIDEBAR_HOST);
    expect(hasShadowRoot, `<${SIDEBAR_HOST}> should have an open shadow root`).toBe(true);
  });
});
