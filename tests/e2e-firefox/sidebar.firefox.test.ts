import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { E2E_HEADLESS, REPO_ROOT, SIDEBAR_HOST } from '../e2e/support/constants.ts';
import { loadSeedPapers } from '../e2e/support/seed-pages.ts';
import { startArxivSite, type ArxivSiteServer } from '../e2e/support/site.ts';
import { firefoxShot, GECKO_ID, launchFirefoxWithExtension, type FirefoxExtensionBrowser } from './firefox.ts';

/**
 * Smoke test of the Firefox MV2 build (`wxt build -b firefox`) in a real
 * Firefox ESR, driven over WebDriver BiDi by puppeteer-core: the add-on is
 * installed as a temporary add-on, arxiv.org is the local test server
 * (reached through the arXiv-only proxy in proxy.ts), and the sidebar must
 * show the matched paper, related papers and the not-in-dataset state.
 *
 * Puppeteer's `>>>` combinator pierces shadow roots (the content script's
 * root is open; page-realm code sees it too, checked below).
 */
const sel = (inner: string): string => `${SIDEBAR_HOST} >>> ${inner}`;
const S = {
  body: sel('[data-testid="sidebar-body"]'),
  matchedTitle: sel('[data-testid="matched-paper"] .pa-title'),
  matchHow: sel('[data-testid="matched-paper"] .pa-how'),
  notInDataset: sel('[data-testid="not-in-dataset"]'),
  relatedLinks: sel('[data-testid="related-list"] a.pa-title'),
  alerts: sel('[role=alert]'),
};

async function waitForSidebar(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector(S.body, { visible: true, timeout });
}

const text = (page: Page, selector: string): Promise<string | null> => page.$eval(selector, (e) => e.textContent);

describe('Firefox ESR: the sidebar on arXiv abstract pages', () => {
  let server: ArxivSiteServer;
  let ff: FirefoxExtensionBrowser;

  beforeAll(async () => {
    server = await startArxivSite({ seedPapers: loadSeedPapers() });
    ff = await launchFirefoxWithExtension({ arxivPort: server.port, headless: E2E_HEADLESS });
  });

  afterAll(async () => {
    await ff?.close();
    await server?.close();
  });

  test('the temporary add-on is installed under its gecko id', () => {
    expect(ff.extensionId).toBe(GECKO_ID);
  });

  test('the Griffin seed page shows the matched paper and related papers', async () => {
    const griffin = server.site.seed.find((p) => p.paper.title.startsWith('Griffin'));
    expect(griffin?.url).toBe('https://arxiv.org/abs/9912.00006');
    const page = await ff.newPage();
    const response = await page.goto(griffin?.url ?? '');
    expect(response?.status()).toBe(200);
    expect(server.requests).toContain('GET /abs/9912.00006 200');
    await waitForSidebar(page);

    await expect(text(page, S.matchedTitle)).resolves.toBe(
      'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models',
    );
    await expect(text(page, S.matchHow)).resolves.toMatch(/In your dataset \(matched by title\)/);
    const hrefs = await page.$$eval(S.relatedLinks, (as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^https:\/\/arxiv\.org\/(abs\/|search\/\?query=)/);

    // Page-realm script sees the content script's open shadow root as well.
    const fromPage = await page.evaluate(
      (host) => document.querySelector(host)?.shadowRoot?.querySelector('[data-testid="matched-paper"] .pa-title')?.textContent,
      SIDEBAR_HOST,
    );
    expect(fromPage).toMatch(/^Griffin: /);
    // Mounted in arXiv's right-hand column, as in Chromium.
    await expect(page.$eval(SIDEBAR_HOST, (h) => h.parentElement?.matches('.extra-services'))).resolves.toBe(true);
    await firefoxShot(page, 'sidebar-griffin');
    await page.close();
  });

  test('a paper that is not in the dataset gets the "not in your dataset" state, not an error', async () => {
    const page = await ff.newPage();
    await page.goto('https://arxiv.org/abs/1706.03762v7');
    await waitForSidebar(page);
    await expect(text(page, S.notInDataset)).resolves.toMatch(/Not in your dataset/);
    expect(await page.$$(S.alerts)).toHaveLength(0);
    await firefoxShot(page, 'sidebar-not-in-dataset');
    await page.close();
  });

  test('the popup (moz-extension://) searches the embedded dataset', async () => {
    const popup = await ff.openPopup();
    // Popup-sized screenshot where the browser can; ESR 140's BiDi lacks the
    // screen-orientation command Puppeteer sends here, so it keeps the window size.
    await popup.setViewport({ width: 420, height: 600 }).catch(() => undefined);
    // Polled from Node: waitForFunction compiles its predicate with Function(),
    // which the extension page's CSP refuses whenever the first check fails.
    await expect.poll(() => text(popup, '.pp-footer').catch(() => null), { timeout: 15_000 }).toContain('19 papers');
    await popup.type('input[type=search]', 'implicit reg');
    await expect.poll(() => text(popup, '[role=option] .pp-title').catch(() => null), { timeout: 15_000 }).toBe(
      'On the Origin of Implicit Regularization in Stochastic Gradient Descent',
    );
    await firefoxShot(popup, 'popup-implicit-reg');
    await popup.close();
  });

  test("pasted arXiv metadata is imported by the options page's worker, and the popup finds it", async () => {
    // The import runs in a dedicated worker of the options page (src/storage/import-worker.ts): in Firefox's
    // MV2 build too. Pasted, since BiDi has no file chooser; the same worker reads a file's Blob.
    const lines = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/metadata/first-100.jsonl'), 'utf8').split('\n').slice(0, 20);
    const first = JSON.parse(lines[0] ?? '{}') as { title: string };
    const options = await ff.openOptions();
    await options.$eval('details.op-paste', (d) => ((d as HTMLDetailsElement).open = true));
    // Typing 30 KB key by key is slow; set it as a paste would, and let Preact see the input event.
    await options.$eval('#op-paste-text', (t, text) => {
      (t as HTMLTextAreaElement).value = text;
      t.dispatchEvent(new Event('input', { bubbles: true }));
    }, lines.join('\n'));
    await options.click('details.op-paste button');
    await expect.poll(() => text(options, '.op-summary[role=status] .op-counts').catch(() => null), { timeout: 30_000 }).toMatch(/20 papers added/);
    await expect.poll(() => text(options, '.op-summary[role=status]').catch(() => null), { timeout: 30_000 }).toMatch(/merged with papers already/);
    // Pasted lines have no file name: the dataset is named after the format, said once.
    await expect(text(options, '.op-summary-title')).resolves.toMatch(/^Imported arXiv metadata \(JSON lines\) in \d+\.\d s\.$/);
    await firefoxShot(options, 'options-imported-pasted');
    await options.close();

    const popup = await ff.openPopup();
    await expect.poll(() => text(popup, '.pp-footer').catch(() => null), { timeout: 15_000 }).toContain('39 papers');
    await popup.type('input[type=search]', first.title.split(' ').slice(0, 4).join(' '));
    await expect.poll(() => text(popup, '[role=option] .pp-title').catch(() => null), { timeout: 15_000 }).toBe(first.title);
    await popup.close();
  });

  test('Firefox itself (updates, telemetry, remote settings...) made no network request', () => {
    // Everything goes through the test proxy, which refuses non-arXiv hosts
    // and records them. The only refusals allowed are the served pages' own
    // third-party assets (the real 1706.03762v7 page loads jQuery from
    // code.jquery.com, MathJax from cdn.jsdelivr.net, ...): the prefs in
    // firefox.ts must keep the browser's own services quiet.
    const pageHosts = new Set(server.site.pages.flatMap((p) => [...p.html.matchAll(/\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1]?.toLowerCase())));
    const unexpected = ff.proxy.blocked.filter((line) => {
      const host = /^CONNECT ([^:]+):\d+$/.exec(line)?.[1] ?? (URL.canParse(line.split(' ')[1] ?? '') ? new URL(line.split(' ')[1] ?? '').hostname : line);
      return !pageHosts.has(host.toLowerCase());
    });
    expect(unexpected).toEqual([]);
    expect(ff.proxy.forwarded.length).toBeGreaterThan(0);
  });
});
