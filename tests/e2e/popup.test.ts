import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS } from './support/constants.ts';
import { shot } from './support/screenshots.ts';
import { loadSeedPapers } from './support/seed-pages.ts';
import { startArxivSite, type ArxivSiteServer } from './support/site.ts';

/** The popup searches the whole dataset as you type; Enter or a click opens the paper. */
describe('popup search', () => {
  let server: ArxivSiteServer;
  let browser: ExtensionBrowser;
  let popup: Page;

  beforeAll(async () => {
    server = await startArxivSite({ seedPapers: loadSeedPapers() });
    browser = await launchWithExtension({ port: server.port, headless: E2E_HEADLESS });
    popup = await browser.openPopup();
    await popup.setViewportSize({ width: 420, height: 600 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const titles = () => popup.locator('[role=option] .pp-title').allTextContents();

  test('opens with the cursor in the search box and the dataset summary in the footer', async () => {
    await expect(popup.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Search your dataset');
    await expect(popup.locator('.pp-footer')).toBeDefined();
    await popup.locator('.pp-footer', { hasText: '19 papers' }).waitFor();
  });

  test('part of a title, typed key by key, ranks that paper first with the match marked', async () => {
    await popup.locator('input[type=search]').pressSequentially('implicit reg', { delay: 20 });
    await popup.locator('[role=option]').first().waitFor();
    expect((await titles())[0]).toBe('On the Origin of Implicit Regularization in Stochastic Gradient Descent');
    expect(await popup.locator('[role=option]').first().locator('mark').allTextContents()).toEqual(['Implicit', 'Regularization']);
    await shot(popup, 'popup-implicit-reg');
  });

  test("an author's name finds their papers; arrows move and Enter opens the paper in a new tab", async () => {
    const input = popup.locator('input[type=search]');
    await input.press('Escape');
    await expect(input.inputValue()).resolves.toBe('');
    await input.pressSequentially('ghalebikesabi');
    await popup.locator('[role=option]', { hasText: 'Differentially Private Diffusion Models' }).waitFor();
    expect(await titles()).toEqual(['Differentially Private Diffusion Models Generate Useful Synthetic Images']);

    await input.fill('');
    await input.pressSequentially('soham de');
    await popup.locator('[role=option]').nth(2).waitFor();
    expect((await titles()).length).toBeGreaterThanOrEqual(5);
    await input.press('ArrowDown');
    await expect(popup.locator('[role=option][aria-selected=true]').count()).resolves.toBe(1);
    const second = (await titles())[1] ?? '';
    expect(await popup.locator('[role=option][aria-selected=true] .pp-title').textContent()).toBe(second);
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), input.press('Enter')]);
    await tab.waitForLoadState();
    expect(new URL(tab.url()).searchParams.get('query')).toBe(second);
    await tab.close();
  });

  test('a click on a result opens it; no match says so', async () => {
    const input = popup.locator('input[type=search]');
    await input.fill('');
    await input.pressSequentially('griffin');
    const hit = popup.locator('[role=option]').first();
    await hit.waitFor();
    const [tab] = await Promise.all([browser.context.waitForEvent('page'), hit.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toContain('searchtype=title');
    await tab.close();

    await input.fill('');
    await input.pressSequentially('zzqxj');
    await popup.locator('.pp-status', { hasText: 'No papers match' }).waitFor();
    expect(await popup.locator('[role=option]').count()).toBe(0);
  });
});
