import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useExtensionSite } from './support/suite.ts';

/**
 * On an arXiv abstract page the popup starts with that page's related papers.
 * A real popup cannot be clicked open in headless Chromium, so the popup page
 * is opened as a background tab next to the arXiv tab, which stays the active
 * tab of the window — what the popup sees when it asks for the active tab.
 */
describe('popup on an arXiv abstract page', () => {
  const suite = useExtensionSite();

  async function popupBeside(url: string): Promise<{ arxiv: Page; popup: Page }> {
    const arxiv = await suite.browser.context.newPage();
    await arxiv.goto(url);
    await arxiv.bringToFront();
    const worker = await suite.browser.currentServiceWorker();
    const [popup] = await Promise.all([
      suite.browser.context.waitForEvent('page'),
      worker.evaluate((u) => {
        const c = (globalThis as unknown as { chrome: { tabs: { create(o: object): Promise<unknown> } } }).chrome;
        return void c.tabs.create({ url: u, active: false });
      }, `chrome-extension://${suite.browser.extensionId}/popup.html`),
    ]);
    await popup.waitForLoadState();
    return { arxiv, popup };
  }

  test('a dataset paper: related papers before any typing, with reasons; typing replaces them, Escape brings them back', async () => {
    const seed = suite.server.site.seed[0];
    if (!seed) throw new Error('no seed pages');
    const { arxiv, popup } = await popupBeside(seed.url);
    const heading = popup.locator('.pp-heading');
    await heading.waitFor();
    expect(await heading.textContent()).toContain('Related to this page');
    expect(await heading.textContent()).not.toContain('not in your dataset');
    const options = popup.locator('#pp-results[aria-label="Related papers"] [role=option]');
    await options.first().waitFor();
    expect(await options.count()).toBeGreaterThan(0);
    expect(await popup.locator('.pp-reasons').first().textContent()).toBeTruthy();
    await expect(popup.locator('.pp-sr').textContent()).resolves.toMatch(/related paper/);
    // Related papers come without abstracts; expanding one fetches it with its details.
    const input = popup.locator('input[type=search]');
    await input.press('ArrowRight');
    const abstract = popup.locator('[role=option][aria-selected=true] .pp-details .pp-abstract');
    await expect.poll(async () => (await abstract.textContent()) ?? '', { timeout: 10_000 }).toMatch(/\w{4,}.{100,}/s);
    expect(await abstract.textContent()).not.toMatch(/No abstract|Loading abstract/);
    await input.press('ArrowLeft');
    await input.pressSequentially('griffin');
    await popup.locator('#pp-results[data-query="griffin"]').waitFor();
    await expect(heading.count()).resolves.toBe(0);
    await input.press('Escape');
    await heading.waitFor();
    await popup.close();
    await arxiv.close();
  });

  test('a page outside the dataset: related by its title, and said so', async () => {
    const { arxiv, popup } = await popupBeside('https://arxiv.org/abs/1706.03762');
    const heading = popup.locator('.pp-heading');
    await heading.waitFor();
    expect(await heading.textContent()).toContain('not in your dataset');
    expect(await heading.textContent()).toContain('Attention Is All You Need');
    await popup.close();
    await arxiv.close();
  });
});
