import { afterAll, beforeAll } from 'vitest';
import { launchWithExtension, type ExtensionBrowser } from './browser.ts';
import { E2E_HEADLESS } from './constants.ts';
import { loadSeedPapers } from './seed-pages.ts';
import type { ServedPage } from './server.ts';
import { startArxivSite, type ArxivSiteServer } from './site.ts';

export interface ExtensionSuite {
  server: ArxivSiteServer;
  browser: ExtensionBrowser;
}

/**
 * The usual e2e setup, registered on the calling describe block: the local
 * arXiv with the seed pages (plus `extraPages`) and Chromium with the built
 * extension, both closed afterwards. The returned object is filled in by
 * beforeAll, so read its fields inside tests and hooks only.
 */
export function useExtensionSite(opts: { extraPages?: readonly ServedPage[] } = {}): ExtensionSuite {
  const suite = {} as ExtensionSuite;
  beforeAll(async () => {
    suite.server = await startArxivSite({ seedPapers: loadSeedPapers(), ...opts });
    suite.browser = await launchWithExtension({ port: suite.server.port, headless: E2E_HEADLESS });
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
