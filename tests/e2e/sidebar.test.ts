import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { openOptions } from './support/options.ts';
import { shot } from './support/screenshots.ts';
import { storedSettings } from './support/stored-settings.ts';
import { sidebar, waitForSidebar } from './support/sidebar.ts';
import { useExtensionSite } from './support/suite.ts';

/**
 * The walking skeleton as a user sees it: the embedded profile's papers get a
 * sidebar with the match, related papers and coauthors; a paper outside the
 * dataset gets a plain "not in your dataset" state; related links lead to the
 * next abstract page, which has its sidebar too.
 */
describe('sidebar on arXiv abstract pages', () => {
  const suite = useExtensionSite();

  beforeAll(async () => {
    // These tests follow the profile's id-less records (links through arXiv's
    // title search); learning would give every visited paper its arXiv id
    // (tests/e2e/learning.test.ts covers that), so it is off here.
    const ext = await suite.browser.openPopup();
    await ext.evaluate(() => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ settings: { learnFromPages: false } }));
    await ext.close();
  });

  test('every one of the 19 seed papers is matched, with related papers and coauthors', async () => {
    expect(suite.server.site.seed).toHaveLength(19);
    const page = await suite.browser.context.newPage();
    for (const seed of suite.server.site.seed) {
      await page.goto(seed.url);
      await waitForSidebar(page);
      const s = sidebar(page);
      await expect(s.matchedTitle.textContent()).resolves.toBe(seed.paper.title.replace(/\$/g, ''));
      await expect(s.matchHow.textContent()).resolves.toMatch(/In your dataset \(matched by title\)/);
      expect(await s.relatedLinks.count(), `related papers for "${seed.paper.title}"`).toBeGreaterThan(0);
      // Every related link goes to arXiv over https (the seed has no ids: title search).
      for (const href of await s.relatedLinks.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href)))
        expect(href).toMatch(/^https:\/\/arxiv\.org\/(abs\/|search\/\?query=)/);
      // The profile's owner is an author of every paper, so his coauthors are listed.
      await expect(s.knownAuthor('Samuel L. Smith').locator('.pa-metrics').textContent()).resolves.toContain('h-index 79');
      expect(await s.group('Samuel L. Smith').locator('li').count()).toBeGreaterThan(0);
    }
    await page.close();
  });

  test('the Griffin page lists Soham De as a frequent coauthor and the reasons for related papers', async () => {
    const page = await suite.browser.context.newPage();
    const griffin = suite.server.site.seed.find((p) => p.paper.title.startsWith('Griffin'));
    await page.goto(griffin?.url ?? '');
    await waitForSidebar(page);
    const s = sidebar(page);
    const soham = s.group('Samuel L. Smith').locator('li', { hasText: 'Soham De' });
    await expect(soham.locator('.pa-joint').textContent()).resolves.toMatch(/^\d+ papers$/);
    const joint = Number((await soham.locator('.pa-joint').textContent())?.split(' ')[0]);
    expect(joint).toBeGreaterThanOrEqual(5);
    await expect(s.relatedItems.first().locator('.pa-reasons').textContent()).resolves.toMatch(/shared author|similar|same category/);
    await shot(page, 'sidebar-light-griffin', { fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'sidebar-dark-griffin', { fullPage: true });
    await page.close();
  });

  test('a paper that is not in the dataset gets a "not in your dataset" state, not an error', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto('https://arxiv.org/abs/1706.03762v7');
    await waitForSidebar(page);
    const s = sidebar(page);
    await expect(s.notInDataset.textContent()).resolves.toMatch(/Not in your dataset/);
    expect(await s.root.locator('[role=alert]').count()).toBe(0);
    await shot(page, 'sidebar-not-in-dataset');
    await page.close();
  });

  test("the sidebar sits in arXiv's right-hand column without moving the abstract", async () => {
    const page = await suite.browser.context.newPage();
    await page.route('**/*', (route) => route.continue());
    await page.goto('https://arxiv.org/abs/2004.10162v1');
    await waitForSidebar(page);
    const inColumn = await page.evaluate(() => document.querySelector('paper-atlas-sidebar')?.parentElement?.matches('.extra-services'));
    expect(inColumn).toBe(true);
    const withSidebar = await page.locator('#abs blockquote.abstract').boundingBox();
    // The same page with the extension's host removed: the abstract must not move.
    await page.evaluate(() => document.querySelector('paper-atlas-sidebar')?.remove());
    const without = await page.locator('#abs blockquote.abstract').boundingBox();
    expect(withSidebar).toEqual(without);
    await page.close();
  });

  test('clicking a related paper leads, through arXiv title search, to an abstract page with its own sidebar', async () => {
    const page = await suite.browser.context.newPage();
    const griffin = suite.server.site.seed.find((p) => p.paper.title.startsWith('Griffin'));
    await page.goto(griffin?.url ?? '');
    await waitForSidebar(page);
    const first = sidebar(page).relatedLinks.first();
    const relatedTitle = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/search\/\?query=/);
    expect(new URL(page.url()).searchParams.get('searchtype')).toBe('title');
    await page.locator('li.arxiv-result p.list-title a').first().click();
    await page.waitForURL(/\/abs\/9912\.\d{5}$/);
    await waitForSidebar(page);
    await expect(sidebar(page).matchedTitle.textContent()).resolves.toBe(relatedTitle);
    await page.close();
  });

  test('a restarted service worker answers from IndexedDB', async () => {
    // DevTools' ServiceWorker domain, attached to one of our own extension
    // pages, sees the extension's worker and can stop it as MV3 would.
    const extPage = await suite.browser.openPopup();
    const cdp = await suite.browser.context.newCDPSession(extPage);
    const running = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        const live = versions.find((v) => v.runningStatus === 'running');
        if (live) resolve(live.versionId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const versionId = await running;
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.versionId === versionId && v.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.stopWorker', { versionId });
    await stopped; // the worker that held the loaded index is gone
    await extPage.close();

    const page = await suite.browser.context.newPage();
    const seed = suite.server.site.seed[4];
    await page.goto(seed?.url ?? '');
    await waitForSidebar(page);
    await expect(sidebar(page).matchedTitle.textContent()).resolves.toBe(seed?.paper.title);
    await page.close();
  });
});

describe('living with the sidebar', () => {
  const suite = useExtensionSite();

  const griffinUrl = () => suite.server.site.seed.find((p) => p.paper.title.startsWith('Griffin'))?.url ?? '';

  test('a collapsed section stays collapsed on the next page', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(griffinUrl());
    await waitForSidebar(page);
    const related = sidebar(page).section('related');
    await expect(related.getAttribute('open')).resolves.not.toBeNull();
    await related.locator('summary').focus();
    await page.keyboard.press('Enter'); // keyboard, as a user without a mouse would
    await expect.poll(() => related.getAttribute('open')).toBeNull();
    // The choice is written to extension storage asynchronously; a user does not
    // follow a link within those few milliseconds, so wait for it to be stored.
    await expect.poll(async () => (await storedSettings(suite.browser.serviceWorker)).collapsed?.related).toBe(true);

    // Collapsed from the sidebar's first render on, not rendered open with
    // the defaults and closed again when storage answers. Griffin again: its
    // arXiv id was learned on the first visit, so its answer is in hand when
    // the sidebar mounts (the case where the defaults used to win).
    await page.addInitScript(() => {
      const w = window as unknown as { firstOpen?: boolean };
      const seen = (root: ParentNode) => {
        const related = root.querySelector('details[data-section="related"]');
        if (related && w.firstOpen === undefined) w.firstOpen = related.hasAttribute('open');
      };
      new MutationObserver((_, observer) => {
        const root = document.querySelector('paper-atlas-sidebar')?.shadowRoot;
        if (!root) return;
        observer.disconnect();
        seen(root);
        new MutationObserver(() => seen(root)).observe(root, { childList: true, subtree: true, attributes: true });
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(griffinUrl());
    await waitForSidebar(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as { firstOpen?: boolean }).firstOpen)).toBe(false);
    await expect.poll(() => sidebar(page).section('related').getAttribute('open')).toBeNull();
    await sidebar(page).section('related').locator('summary').click();
    await expect.poll(() => sidebar(page).section('related').getAttribute('open')).not.toBeNull();
    // Stored open again before the page closes: the next test opens Griffin expecting it open.
    await expect.poll(async () => (await storedSettings(suite.browser.serviceWorker)).collapsed?.related).toBe(false);
    await page.close();
  });

  test('related filters and "show more" change what is listed', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(griffinUrl());
    await waitForSidebar(page);
    const s = sidebar(page);
    const total = Number(await s.section('related').locator('.pa-count').textContent());
    expect(total).toBeGreaterThan(5);
    expect(await s.relatedItems.count()).toBe(5);
    await s.root.getByRole('button', { name: /Show more/ }).click();
    expect(await s.relatedItems.count()).toBe(Math.min(10, total));
    await s.root.getByRole('checkbox', { name: 'Code' }).check();
    // Only one seed paper has the Code marker (NFNets).
    await expect.poll(() => s.relatedItems.count()).toBe(1);
    await expect(s.relatedItems.first().locator('.pa-badge').textContent()).resolves.toBe('Code');
    await page.close();
  });

  test('a coauthor expands to the joint papers, each a link', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(griffinUrl());
    await waitForSidebar(page);
    const soham = sidebar(page).group('Samuel L. Smith').locator('.pa-coauthors > li', { hasText: 'Soham De' });
    const joint = Number((await soham.locator('.pa-joint').textContent())?.split(' ')[0]);
    const toggle = soham.getByRole('button', { name: /Soham De/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    const links = soham.locator('.pa-joint-papers a');
    await expect.poll(() => links.count()).toBe(joint);
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await links.allTextContents()).toContain('Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models');
    // From the keyboard too: Enter on another coauthor lists their joint papers.
    const other = sidebar(page).group('Samuel L. Smith').locator('.pa-coauthors > li').filter({ hasNotText: 'Soham De' }).first();
    const otherJoint = Number((await other.locator('.pa-joint').textContent())?.split(' ')[0]);
    await other.locator('.pa-coauthor').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => other.locator('.pa-joint-papers a').count()).toBe(otherJoint);
    // Space closes it again, as a disclosure button does.
    await page.keyboard.press('Space');
    await expect.poll(() => other.locator('.pa-joint-papers a').count()).toBe(0);
    await page.close();
  });

  test('the theme button overrides the system theme; Hide keeps only the header', async () => {
    const page = await suite.browser.context.newPage();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(griffinUrl());
    await waitForSidebar(page);
    const aside = sidebar(page).root.locator('aside.pa-sidebar');
    const bg = () => aside.evaluate((el) => getComputedStyle(el).backgroundColor);
    const light = await bg();
    const themeButton = sidebar(page).root.locator('button.pa-theme');
    await themeButton.click(); // Auto -> Light
    await themeButton.click(); // Light -> Dark
    await expect.poll(() => aside.getAttribute('data-theme')).toBe('dark');
    expect(await bg()).not.toBe(light);
    await shot(page, 'sidebar-dark-override');
    await themeButton.click(); // back to Auto for the other tests
    await sidebar(page).root.getByRole('button', { name: 'Hide' }).click();
    await expect.poll(() => sidebar(page).body.count()).toBe(0);
    await sidebar(page).root.getByRole('button', { name: 'Show' }).click();
    await sidebar(page).body.waitFor();
    await page.close();
  });

  /** The background's log line once a started worker has its index (from the snapshot, or built when there was none yet). */
  const INDEX_READY = /\[Paper Atlas\] index of \d+ papers (loaded|rebuilt)/;

  /**
   * Collects the background's console lines from now on and stops its
   * worker; `done()` stops collecting. The page gives the CDP session.
   */
  async function stopWorkerAndWatch(page: Page): Promise<{ logs: string[]; done: () => Promise<void> }> {
    const logs: string[] = [];
    const onConsole = (m: { text(): string }) => void logs.push(m.text());
    suite.browser.context.on('console', onConsole);
    const cdp = await suite.browser.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    return {
      logs,
      done: async () => {
        suite.browser.context.off('console', onConsole);
        await cdp.detach();
      },
    };
  }

  /**
   * Opens `url` (an abstract page by default), stops the worker, brings the
   * page back into view (as when another tab was in front), and reports
   * whether a worker started and loaded its index within `ms`; fails if it
   * answered a question instead.
   */
  async function loadsWhenShownAgain(ms: number, url = suite.server.site.seed[0]?.url ?? ''): Promise<boolean> {
    const page = await suite.browser.context.newPage();
    await page.goto(url);
    if (url.includes('/abs/')) await waitForSidebar(page);
    else expect(await page.locator('paper-atlas-sidebar').count()).toBe(0);
    const { logs, done } = await stopWorkerAndWatch(page);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const loaded = () => logs.some((l) => INDEX_READY.test(l));
    const until = Date.now() + ms;
    while (!loaded() && Date.now() < until) await page.waitForTimeout(100);
    // Loading is all a page in view asks for: no question reached the new worker.
    expect(logs.some((l) => l.includes('first answer'))).toBe(false);
    await done();
    await page.close();
    return loaded();
  }

  const setKeepReady = async (on: boolean) => {
    const options = await openOptions(suite.browser);
    const box = options.locator('input[name=keep-ready]');
    await expect(box.isChecked()).resolves.toBe(!on);
    await box.setChecked(on);
    await expect.poll(async () => (await storedSettings(options)).keepReady).toBe(on);
    await options.close();
  };

  test('a page shown again wakes a stopped worker, which loads its index before the next click (keep-ready)', async () => {
    await expect(loadsWhenShownAgain(15_000)).resolves.toBe(true);
  });

  test('an arXiv search page (no sidebar) shown again wakes a stopped worker too', async () => {
    // Where a reader picks the next abstract to open (listings, search results, author pages).
    await expect(loadsWhenShownAgain(15_000, 'https://arxiv.org/search/?query=Griffin&searchtype=title')).resolves.toBe(true);
  });

  test('a navigation on another site does not load the index', async () => {
    const page = await suite.browser.context.newPage();
    await page.goto(suite.server.site.seed[0]?.url ?? ''); // the index is loaded (and stored) before the worker is stopped
    await waitForSidebar(page);
    const { logs, done } = await stopWorkerAndWatch(page);
    // Every host but arXiv's resolves to nothing here: an error page, but a navigation all the same.
    await page.goto('https://example.org/').catch(() => undefined);
    await page.waitForTimeout(3_000);
    expect(logs.filter((l) => INDEX_READY.test(l))).toEqual([]);
    await done();
    await page.close();
  });

  test('with "keep Paper Atlas ready" turned off in the options, a page shown again asks nothing', async () => {
    await setKeepReady(false);
    try {
      await expect(loadsWhenShownAgain(3_000)).resolves.toBe(false);
    } finally {
      await setKeepReady(true);
    }
  });
});
