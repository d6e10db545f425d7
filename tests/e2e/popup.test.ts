import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS } from './support/constants.ts';
import { shot } from './support/screenshots.ts';
import { REPO_ROOT } from './support/constants.ts';
import path from 'node:path';
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
    await popup.locator('#pp-results[data-query="implicit reg"] [role=option]').first().waitFor();
    expect((await titles())[0]).toBe('On the Origin of Implicit Regularization in Stochastic Gradient Descent');
    expect(await popup.locator('[role=option]').first().locator('mark').allTextContents()).toEqual(['Implicit', 'Regularization']);
    await shot(popup, 'popup-implicit-reg');
    await popup.screenshot({ path: path.join(REPO_ROOT, 'docs/screenshots/popup.png') });
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
    await popup.locator('#pp-results[data-query="soham de"] [role=option]').nth(2).waitFor();
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
    const hit = popup.locator('#pp-results[data-query="griffin"] [role=option]').first();
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

  test('query syntax: au: marks the author, y: and code: filter, the help documents it', async () => {
    const input = popup.locator('input[type=search]');
    await input.fill('');
    await popup.getByRole('button', { name: '?' }).click();
    await expect(popup.locator('#pp-help').textContent()).resolves.toContain('au:');
    await input.focus();
    await input.pressSequentially('au:"soham de" y:2021-2023', { delay: 10 });
    await popup.locator('#pp-results[data-query="au:\\"soham de\\" y:2021-2023"]').waitFor();
    const n = await popup.locator('[role=option]').count();
    expect(n).toBeGreaterThan(0);
    for (const meta of await popup.locator('[role=option] .pp-row').allTextContents()) expect(meta).toMatch(/^202[123]/);
    expect(await popup.locator('[role=option] .pp-authors mark').allTextContents()).toEqual(Array(n).fill('Soham De'));
    await expect(popup.locator('.pp-sr').textContent()).resolves.toBe(`${n} result${n === 1 ? '' : 's'}`);
    await popup.screenshot({ path: path.join(REPO_ROOT, 'docs/screenshots/popup-syntax.png') });
    await popup.getByRole('button', { name: '?' }).click();

    await input.fill('');
    await input.pressSequentially('y:20x learning');
    await popup.locator('.pp-warning', { hasText: 'y:20x' }).waitFor();
    await input.fill('');
    await input.pressSequentially('cat:cs.LG');
    await popup.locator('.pp-status', { hasText: 'Add a word' }).waitFor();
  });

  test('expanding shows abstract and coauthors; an author name runs an author search', async () => {
    const input = popup.locator('input[type=search]');
    await input.fill('');
    await input.pressSequentially('implicit regularization');
    // The keys act on the final query's list: a newer list starts unselected and collapsed.
    await popup.locator('#pp-results[data-query="implicit regularization"] [role=option]').first().waitFor();
    await input.press('ArrowRight');
    const details = popup.locator('[role=option][aria-selected=true] .pp-details');
    await details.locator('.pp-abstract').waitFor();
    expect(((await details.locator('.pp-abstract').textContent()) ?? '').length).toBeGreaterThan(100);
    await details.locator('.pp-coauthors').first().waitFor();
    await popup.screenshot({ path: path.join(REPO_ROOT, 'docs/screenshots/popup-expanded.png') });
    await input.press('ArrowLeft');
    await expect(popup.locator('.pp-details').count()).resolves.toBe(0);

    await popup.locator('[role=option]').first().locator('.pp-author').first().click();
    const value = await input.inputValue();
    expect(value).toMatch(/^au:".+" $/);
    await popup.locator(`#pp-results[data-query="${value.replace(/"/g, '\\"')}"]`).waitFor();
    expect(await popup.locator('[role=option]').count()).toBeGreaterThan(0);
  });

  test('Ctrl+Enter opens in the background, Shift+Enter in a new window; dark theme', async () => {
    const input = popup.locator('input[type=search]');
    await input.fill('');
    await input.pressSequentially('griffin');
    await popup.locator('#pp-results[data-query="griffin"] [role=option]').first().waitFor();
    const [bg] = await Promise.all([browser.context.waitForEvent('page'), input.press('Control+Enter')]);
    await bg.waitForLoadState();
    const bgUrl = bg.url();
    const activeOf = async (url: string) =>
      (await browser.currentServiceWorker()).evaluate(async (u) => {
        const c = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ active: boolean }[]> } } }).chrome;
        return (await c.tabs.query({ url: u }))[0]?.active;
      }, url);
    expect(await activeOf(bgUrl)).toBe(false);
    await bg.close();
    const windows = async () => (await browser.currentServiceWorker()).evaluate(async () => {
        const c = (globalThis as unknown as { chrome: { windows: { getAll(): Promise<unknown[]> } } }).chrome;
        return (await c.windows.getAll()).length;
      });
    const before = await windows();
    const [win] = await Promise.all([browser.context.waitForEvent('page'), input.press('Shift+Enter')]);
    await win.waitForLoadState();
    expect(await windows()).toBe(before + 1);
    await win.close();

    await popup.emulateMedia({ colorScheme: 'dark' });
    await input.fill('');
    await input.pressSequentially('learning');
    await popup.locator('#pp-results[data-query="learning"] [role=option]').first().waitFor();
    await popup.screenshot({ path: path.join(REPO_ROOT, 'docs/screenshots/popup-dark.png') });
    await popup.emulateMedia({ colorScheme: 'light' });
    await input.press('Escape');
    await expect(input.inputValue()).resolves.toBe('');
  });
});
