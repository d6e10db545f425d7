import { describe, expect, test } from 'vitest';
import { sidebar, waitForSidebar } from './support/sidebar.ts';
import { useExtensionSite } from './support/suite.ts';

/**
 * The authors panel's "Papers" button: the background opens the popup page
 * in a new tab, searching for that author (au:"…"), and it lists their papers.
 */
describe("an author's papers from the sidebar", () => {
  const suite = useExtensionSite();

  test('"Papers" for Samuel L. Smith on the Griffin page opens the search with his papers', async () => {
    const page = await suite.browser.context.newPage();
    const griffin = suite.server.site.seed.find((p) => p.paper.title.startsWith('Griffin'));
    await page.goto(griffin?.url ?? '');
    await waitForSidebar(page);
    const opened = suite.browser.context.waitForEvent('page', { timeout: 10_000 });
    await sidebar(page).knownAuthor('Samuel L. Smith').locator('button', { hasText: 'Papers' }).click();
    const popup = await opened;
    await popup.waitForLoadState();
    const url = new URL(popup.url());
    expect(url.href.startsWith(`chrome-extension://${suite.browser.extensionId}/popup.html`)).toBe(true);
    expect(url.searchParams.get('q')).toBe('au:"Samuel L. Smith"');
    await expect(popup.locator('input[type=search]').inputValue()).resolves.toBe('au:"Samuel L. Smith"');
    await popup.locator('[role=option]', { hasText: 'Griffin' }).first().waitFor({ timeout: 10_000 });
    // He is an author of every seed paper: the first page of results is full.
    expect(await popup.locator('[role=option]').count()).toBeGreaterThanOrEqual(10);
    await popup.close();
    await page.close();
  });
});
