import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './constants.ts';

/** Turn a test name into a safe file name: "smoke: 1706 v7" -> "smoke-1706-v7". */
export function screenshotFileName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return `${base || 'screenshot'}.png`;
}

/**
 * Save a PNG of the page under test-results/screenshots/<name>.png
 * (git-ignored) and return its absolute path. `fullPage` defaults to false:
 * the viewport is what a user sees next to the sidebar.
 */
export async function shot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, screenshotFileName(name));
  await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
  return file;
}
