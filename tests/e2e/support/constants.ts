import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Shared constants for the end-to-end tests and scripts/start.mjs.
 * Paths are absolute, resolved from this file, so they do not depend on the
 * working directory the tests (or `npm start`) run from.
 */

/** Tag name of the content script's shadow-root host element. */
export const SIDEBAR_HOST = 'paper-atlas-sidebar';

/** Repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The unpacked extension the tests load: where `wxt build` puts the Chrome MV3
 * build, unless $PAPER_ATLAS_EXTENSION_PATH points elsewhere.
 */
export const EXTENSION_PATH = process.env.PAPER_ATLAS_EXTENSION_PATH || path.join(REPO_ROOT, '.output/chrome-mv3');

/** Run the e2e browser headed (needs a display) when $E2E_HEADED=1. */
export const E2E_HEADLESS = process.env.E2E_HEADED !== '1';

/** Saved real arXiv abstract pages. */
export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests/fixtures/arxiv-abs');

/** The seed researcher profile the generated pages are made from. */
export const SEED_PROFILE_PATH = path.join(REPO_ROOT, 'assets/seed/samuel-l-smith.txt');

/** Screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'test-results/screenshots');

/** Chromium binary: $CHROME_PATH, else Debian's /usr/bin/chromium. */
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

/**
 * Hosts the browser maps to the local test server. Everything else resolves
 * to nothing (~NOTFOUND), so a test can never reach the real network.
 */
export const ARXIV_HOSTS = ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org'] as const;
