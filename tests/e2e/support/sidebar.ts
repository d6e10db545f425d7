import type { Locator, Page } from 'playwright-core';
import { SIDEBAR_HOST } from './constants.ts';

/**
 * Locators inside the sidebar's shadow root. Playwright's CSS engine pierces
 * open shadow roots, so `paper-atlas-sidebar [data-testid=...]` reaches in.
 */
export function sidebar(page: Page) {
  const root = page.locator(SIDEBAR_HOST);
  return {
    root,
    body: root.locator('[data-testid="sidebar-body"]'),
    matchedTitle: root.locator('[data-testid="matched-paper"] .pa-title'),
    matchHow: root.locator('[data-testid="matched-paper"] .pa-how'),
    notInDataset: root.locator('[data-testid="not-in-dataset"]'),
    relatedLinks: root.locator('[data-testid="related-list"] a.pa-title'),
    relatedItems: root.locator('[data-testid="related-list"] li'),
    authorGroups: root.locator('[data-testid="author-group"]'),
    knownAuthor(name: string): Locator {
      return root.locator('[data-testid="known-author"]', { has: page.locator('.pa-author-name', { hasText: name }) });
    },
    section(id: string): Locator {
      return root.locator(`details.pa-section[data-section="${id}"]`);
    },
    group(name: string): Locator {
      return root.locator('[data-testid="author-group"]', { has: page.locator('.pa-author-name', { hasText: name }) });
    },
  };
}

/**
 * Waits until the sidebar has answered (loaded body or an error) and its
 * coauthor rows, which come a frame after the panels (aria-busy until then),
 * are in.
 */
export async function waitForSidebar(page: Page, timeout = 15_000): Promise<void> {
  await sidebar(page).body.waitFor({ state: 'visible', timeout });
  await sidebar(page).root.locator('[aria-busy="true"]').first().waitFor({ state: 'detached', timeout });
}
