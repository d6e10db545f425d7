import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from './support/browser.ts';
import { E2E_HEADLESS } from './support/constants.ts';
import { first100, METADATA_FIXTURES, openOptions, optionsPage, writeRecombined } from './support/options.ts';
import { shot } from './support/screenshots.ts';
import { servedPage } from './support/seed-pages.ts';
import { sidebar, waitForSidebar } from './support/sidebar.ts';
import { startArxivSite, type ArxivSiteServer } from './support/site.ts';

/**
 * Importing your own dataset through the options page, as a user does it:
 * pick a file, watch the progress, read the summary; then the popup and the
 * sidebar know the new papers. Broken files and cancel change nothing.
 */
const FIRST_100_GZ = path.join(METADATA_FIXTURES, 'first-100.jsonl.gz');
// A paper of the slice with a plain title (no TeX), to look for afterwards.
const record = first100().find((r) => r.id === '2112.07874');
const title = record?.title.replace(/\s+/g, ' ') ?? '';
const authors = record?.authors.split(/, | and /) ?? [];

describe('options page: your own datasets', () => {
  let server: ArxivSiteServer;
  let browser: ExtensionBrowser;
  let options: Page;
  let tmp: string;

  beforeAll(async () => {
    if (!record) throw new Error('fixture changed: 2112.07874 is no longer in first-100.jsonl');
    tmp = mkdtempSync(path.join(tmpdir(), 'paper-atlas-options-'));
    const page = servedPage({ id: record.id, title, authors, abstract: record.abstract.replace(/\s+/g, ' ').trim(), date: record.update_date, category: record.categories.split(' ')[0] ?? 'cs.CL' });
    server = await startArxivSite({ extraPages: [page] });
    browser = await launchWithExtension({ port: server.port, headless: E2E_HEADLESS });
    options = await openOptions(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('lists the embedded default dataset', async () => {
    const o = optionsPage(options);
    await o.dataset('embedded default').waitFor();
    await expect(o.dataset('embedded default').textContent()).resolves.toMatch(/19 papers/);
    expect(await o.datasets.count()).toBe(1);
    await shot(options, 'options-default');
  });

  test('imports a gzipped slice of the arXiv sample through the file input and summarises it', async () => {
    const o = optionsPage(options);
    const said: string[] = [];
    const listen = (m: { text(): string }) => void said.push(m.text());
    browser.context.on('console', listen);
    await o.fileInput.setInputFiles(FIRST_100_GZ);
    await o.summary.locator('[data-count=merged]', { hasText: 'merged with papers already' }).waitFor({ timeout: 30_000 });
    // The background indexed the batch as it was stored and finished that
    // index, instead of building everything again after the commit. The
    // worker's console reaches us on its own channel, maybe after the page.
    await expect.poll(() => said.some((t) => t.includes("finished from the import's prebuild")), { timeout: 5_000 }).toBe(true);
    browser.context.off('console', listen);
    await expect(o.summary.locator('[data-count=papers]').textContent()).resolves.toBe('100 papers added');
    await expect(o.summary.locator('[data-count=skipped]').textContent()).resolves.toBe('0 records skipped');
    await expect(o.summary.textContent()).resolves.toMatch(/arXiv metadata \(JSON lines\)/);
    await o.dataset('first-100').waitFor();
    await expect(o.totals.textContent()).resolves.toMatch(/^119 papers/);
    await shot(options, 'options-imported');
    await options.emulateMedia({ colorScheme: 'dark' });
    await shot(options, 'options-imported-dark');
    await options.emulateMedia({ colorScheme: 'light' });
  });

  test('the popup finds an imported paper', async () => {
    const popup = await browser.openPopup();
    await popup.locator('input[type=search]').pressSequentially('toe-to-toe neuro-symbolic', { delay: 10 });
    await popup.locator('[role=option] .pp-title', { hasText: 'Linguistic Frameworks Go Toe-to-Toe' }).first().waitFor();
    await popup.close();
  });

  test("the sidebar knows the imported paper on its abstract page", async () => {
    const page = await browser.context.newPage();
    await page.goto(`https://arxiv.org/abs/${record?.id}`);
    await waitForSidebar(page);
    await expect(sidebar(page).matchedTitle.textContent()).resolves.toBe(title);
    await page.close();
  });

  test('a broken file is refused with the line and the problem; the datasets stay as they were', async () => {
    const o = optionsPage(options);
    const lines = first100().slice(0, 3).map((r) => JSON.stringify(r));
    const broken = [lines[0], '{"id": "2501.00001", "title": ', lines[1], '<html>', 'nonsense', lines[2], '{}'].join('\n');
    await o.fileInput.setInputFiles({ name: 'broken.jsonl', mimeType: 'application/json', buffer: Buffer.from(broken) });
    await o.alert.waitFor();
    await expect(o.alert.textContent()).resolves.toMatch(/broken\.jsonl was not imported: not arXiv metadata: 4 of the first 7 records failed; line 2: not JSON: .*Your datasets are unchanged\./);
    await shot(options, 'options-refused');

    const bad = '{"format": "paper-atlas", "version": 1, "id": "x", "name": "x", "createdAt": "", "authors": [], "papers": [{"id": "p"}]}';
    await o.fileInput.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    await o.alert.locator('text=bad.json').waitFor();
    await expect(o.alert.textContent()).resolves.toMatch(/not a valid Paper Atlas dataset: papers\[0\]\.title: expected string/);
    expect(await o.datasets.count()).toBe(2);
    await expect(o.totals.textContent()).resolves.toMatch(/^119 papers/);
    // After a reload from storage, too.
    await options.reload();
    await o.dataset('first-100').waitFor();
    expect(await o.datasets.count()).toBe(2);
  });

  test('cancel in the middle of a long import leaves nothing; a worker killed meanwhile loses nothing', async () => {
    const o = optionsPage(options);
    const big = path.join(tmp, 'recombined-40k.jsonl');
    await writeRecombined(FIRST_100_GZ, big, 40_000);
    await o.fileInput.setInputFiles(big);
    await o.progressText.locator('text=/[1-9][\\d,]* papers/').waitFor();
    // MV3 stops workers at will; the import runs in this page and does not care.
    const cdp = await browser.context.newCDPSession(options);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect(options.locator('progress.op-bar').getAttribute('value')).resolves.toMatch(/^\d+$/);
    await o.cancel.click();
    await o.status.locator('text=cancelled').waitFor();
    await options.reload();
    await o.dataset('first-100').waitFor();
    expect(await o.datasets.count()).toBe(2);
    await expect(o.totals.textContent()).resolves.toMatch(/^119 papers/);
  });

  test('export downloads a Paper Atlas JSON file that the importer reads back', async () => {
    const o = optionsPage(options);
    const [download] = await Promise.all([options.waitForEvent('download'), o.dataset('first-100').locator('button', { hasText: 'Export' }).click()]);
    expect(download.suggestedFilename()).toBe('paper-atlas-first-100.json');
    const saved = path.join(tmp, 'export.json');
    await download.saveAs(saved);
    const json = JSON.parse(readFileSync(saved, 'utf8')) as { format: string; name: string; papers: unknown[] };
    expect(json).toMatchObject({ format: 'paper-atlas', name: 'first-100' });
    expect(json.papers).toHaveLength(100);
  });

  test('remove a dataset, and restore the embedded default', async () => {
    const o = optionsPage(options);
    await o.dataset('first-100').locator('button', { hasText: 'Remove…' }).click();
    await o.dataset('first-100').locator('button', { hasText: 'Remove first-100' }).click();
    await expect(o.totals.locator('text=/^19 papers/').waitFor()).resolves.toBeUndefined();
    await o.dataset('embedded default').locator('button', { hasText: 'Remove…' }).click();
    await o.dataset('embedded default').locator('button', { hasText: /^Remove / }).click();
    await options.locator('.op-empty').waitFor();
    await shot(options, 'options-empty');
    await options.locator('button', { hasText: 'Restore the embedded default' }).click();
    await o.dataset('embedded default').waitFor();
    await expect(o.totals.textContent()).resolves.toMatch(/^19 papers/);
  });
});
