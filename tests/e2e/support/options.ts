import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import type { Page } from 'playwright-core';
import type { ExtensionBrowser } from './browser.ts';
import { REPO_ROOT } from './constants.ts';

/** The options page (chrome-extension://<id>/options.html) and what tests look at on it. */
export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  return page;
}

export function optionsPage(page: Page) {
  return {
    fileInput: page.locator('#op-file'),
    progress: page.locator('.op-progress'),
    progressText: page.locator('.op-progress-text'),
    cancel: page.locator('.op-progress button', { hasText: 'Cancel' }),
    summary: page.locator('.op-summary[role=status]'),
    alert: page.locator('.op-error[role=alert]'),
    status: page.locator('.op-status[role=status]'),
    datasets: page.locator('.op-dataset'),
    dataset: (name: string) => page.locator('.op-dataset', { has: page.locator('.op-dataset-name', { hasText: name }) }),
    totals: page.locator('.op-totals'),
  };
}

export const METADATA_FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/metadata');

/** One record of tests/fixtures/metadata/first-100.jsonl, parsed. */
export interface SampleRecord { id: string; title: string; authors: string; abstract: string; categories: string; update_date: string }

export function first100(): SampleRecord[] {
  return readFileSync(path.join(METADATA_FIXTURES, 'first-100.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SampleRecord);
}

/**
 * Writes `count` arXiv metadata lines to `out` by cycling through the lines
 * of `source` (plain or gzipped JSON lines) and giving each a fresh synthetic
 * id, so every line is a distinct paper: a big input made of real records.
 * Streams both ways; memory stays flat for millions of lines.
 */
export async function writeRecombined(source: string, out: string, count: number): Promise<void> {
  const sink = createWriteStream(out);
  let written = 0;
  while (written < count) {
    const input = source.endsWith('.gz') ? createReadStream(source).pipe(createGunzip()) : createReadStream(source);
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      // Synthetic new-style ids from 2601.00000 on (5-digit numbers, 100k a "month").
      const n = written;
      const id = `${2601 + Math.floor(n / 100_000)}.${String(n % 100_000).padStart(5, '0')}`;
      const ok = sink.write(`${line.replace(/^\{"id": "[^"]*"/, `{"id": "${id}"`)}\n`);
      if (!ok) await once(sink, 'drain');
      if (++written >= count) break;
    }
  }
  sink.end();
  await once(sink, 'finish');
}
