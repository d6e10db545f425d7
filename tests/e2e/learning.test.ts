import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS } from './support/constants.ts';
import { openOptions } from './support/options.ts';
import { loadSeedPapers, servedPage, type SeedPaper } from './support/seed-pages.ts';
import { sidebar, waitForSidebar } from './support/sidebar.ts';
import { storedSettings } from './support/stored-settings.ts';
import { startArxivSite, type ArxivSiteServer } from './support/site.ts';

/**
 * Learning from pages: the profile lists Griffin as "Soham De, Samuel L.
 * Smith, Anushan Fernando et al." with no arXiv id. Reading its (generated)
 * arXiv page, which lists two more authors under a SYNTHETIC id, teaches the
 * record that id and the full author list: links then go to the abstract
 * page, and the extra authors become Samuel L. Smith's coauthors. With the
 * setting off, nothing is learned.
 */
const LEARN_ID = '9912.00101';
// Their names sort before Smith's other one-paper coauthors, so they make his top 8.
const EXTRA_AUTHORS = ['Aleksandar Botev', 'Albert Gu'];

const seedPapers = loadSeedPapers();
const griffin = seedPapers.find((p) => p.title.startsWith('Griffin')) as SeedPaper;
const fullGriffinPage = servedPage({
  id: LEARN_ID,
  title: griffin.title,
  authors: [...griffin.authors, ...EXTRA_AUTHORS],
  abstract: griffin.abstract,
  date: griffin.date,
  category: griffin.categories[0] ?? 'cs.LG',
});

async function startSite(): Promise<{ server: ArxivSiteServer; browser: ExtensionBrowser }> {
  const server = await startArxivSite({ seedPapers, extraPages: [fullGriffinPage] });
  const browser = await launchWithExtension({ port: server.port, headless: E2E_HEADLESS });
  return { server, browser };
}

const titleHref = (page: Page) => sidebar(page).matchedTitle.evaluate((a) => (a as HTMLAnchorElement).href);

/** Smith's coauthors as the sidebar lists them. */
async function smithCoauthors(page: Page): Promise<string[]> {
  return sidebar(page).group('Samuel L. Smith').locator('.pa-coauthor-name').allTextContents();
}

/** Every related paper link on the page, after "Show more" until all are shown. */
async function allRelatedLinks(page: Page): Promise<{ title: string; href: string }[]> {
  const more = sidebar(page).root.locator('button.pa-more');
  while ((await more.count()) > 0) await more.first().click();
  return sidebar(page).relatedLinks.evaluateAll((as) => as.map((a) => ({ title: a.textContent ?? '', href: (a as HTMLAnchorElement).href })));
}

describe('learning from pages (on by default)', () => {
  let server: ArxivSiteServer;
  let browser: ExtensionBrowser;
  beforeAll(async () => ({ server, browser } = await startSite()));
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a matched page teaches the record its arXiv id and full author list", async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://arxiv.org/abs/${LEARN_ID}`);
    await waitForSidebar(page);
    const s = sidebar(page);
    await expect(s.matchHow.textContent()).resolves.toMatch(/matched by title/);
    expect(await titleHref(page)).toMatch(/^https:\/\/arxiv\.org\/search\//);

    // The learning is written after the answer: the next look (a reload) matches by the learned id.
    await expect
      .poll(
        async () => {
          await page.reload();
          await waitForSidebar(page);
          return s.matchHow.textContent();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/matched by arXiv id/);
    expect(await titleHref(page)).toBe(`https://arxiv.org/abs/${LEARN_ID}`);
    expect(await s.root.locator('[data-testid="matched-paper"] .pa-meta').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('arxiv-page')]),
    );
    expect(await smithCoauthors(page)).toEqual(expect.arrayContaining(EXTRA_AUTHORS));
    await page.close();
  });

  test('another seed page links to the learned id and lists the extra authors as coauthors', async () => {
    const page = await browser.context.newPage();
    // The generated Griffin seed page lists only the profile's three authors.
    const seedGriffin = server.site.seed.find((p) => p.paper.title === griffin.title);
    await page.goto(seedGriffin?.url ?? '');
    await waitForSidebar(page);
    expect(await titleHref(page)).toBe(`https://arxiv.org/abs/${LEARN_ID}`);
    expect(await smithCoauthors(page)).toEqual(expect.arrayContaining(EXTRA_AUTHORS));

    // From a related paper's page, the related link to Griffin goes to its abstract page.
    const other = server.site.seed.find((p) => p.paper.title.startsWith('Universality of Linear Recurrences'));
    await page.goto(other?.url ?? '');
    await waitForSidebar(page);
    const links = await allRelatedLinks(page);
    expect(links.find((l) => l.title.startsWith('Griffin'))?.href).toBe(`https://arxiv.org/abs/${LEARN_ID}`);
    await page.close();
  });
});

describe('learning from pages, turned off on the options page', () => {
  let browser: ExtensionBrowser;
  let server: ArxivSiteServer;
  beforeAll(async () => ({ server, browser } = await startSite()));
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('nothing is learned', async () => {
    const options = await openOptions(browser);
    const learn = options.locator('input[name=learn]');
    await expect(learn.isChecked()).resolves.toBe(true);
    await learn.uncheck();
    await expect.poll(async () => (await storedSettings(options)).learnFromPages).toBe(false);
    await options.close();

    const page = await browser.context.newPage();
    await page.goto(`https://arxiv.org/abs/${LEARN_ID}`);
    await waitForSidebar(page);
    await page.waitForTimeout(1_000); // time the learning would have taken
    for (let i = 0; i < 2; i++) {
      await page.reload();
      await waitForSidebar(page);
      await expect(sidebar(page).matchHow.textContent()).resolves.toMatch(/matched by title/);
      expect(await titleHref(page)).toMatch(/^https:\/\/arxiv\.org\/search\//);
    }
    const seedGriffin = server.site.seed.find((p) => p.paper.title === griffin.title);
    await page.goto(seedGriffin?.url ?? '');
    await waitForSidebar(page);
    const coauthors = await smithCoauthors(page);
    expect(coauthors.length).toBeGreaterThan(0);
    for (const name of EXTRA_AUTHORS) expect(coauthors).not.toContain(name);
    await page.close();
  });
});
