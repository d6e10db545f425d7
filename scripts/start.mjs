#!/usr/bin/env node
/**
 * Open Chromium with the Paper Atlas extension loaded in a fresh profile.
 *
 *   npm start                  real arxiv.org, on https://arxiv.org/abs/2102.06171
 *   npm run demo               offline: a local HTTPS "arxiv.org" (real fixture pages plus a
 *                              generated page per seed paper), opened on the first seed paper
 *
 * Options (after `--` when run through npm, e.g. `npm run demo -- --headless --screenshot x.png`):
 *   --offline                  use the local server (what `npm run demo` passes)
 *   --headless                 no window; with --screenshot, the way to check this without a display
 *   --screenshot <file>        wait for the sidebar, save a PNG, exit (0 if the sidebar appeared)
 *   --url <url>                open this page instead of the default one
 *   --port <n>                 fixed port for the offline server (default: any free port)
 *   --build / --no-build       always / never run `wxt build` (default: when sources are newer)
 *   --verbose                  log the offline server's requests
 *
 * Environment: CHROME_PATH = the Chromium binary (default /usr/bin/chromium, then PATH);
 *              PAPER_ATLAS_EXTENSION_PATH = load this unpacked extension instead of .output/chrome-mv3.
 *
 * The shared browser/server code is TypeScript (tests/e2e/support); tsx's
 * loader is registered below, so plain `node scripts/start.mjs` works.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// $PAPER_ATLAS_EXTENSION_PATH: load another unpacked build (never rebuilt here).
const CUSTOM_EXTENSION = process.env.PAPER_ATLAS_EXTENSION_PATH;
const EXTENSION_DIR = CUSTOM_EXTENSION ? path.resolve(CUSTOM_EXTENSION) : path.join(ROOT, '.output/chrome-mv3');
const ONLINE_URL = 'https://arxiv.org/abs/2102.06171';
const SIDEBAR_TIMEOUT_MS = 20_000;

function fail(message, code = 1) {
  console.error(`\n[paper-atlas] ${message}\n`);
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { offline: false, headless: false, screenshot: undefined, url: undefined, port: undefined, build: 'auto', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--offline') opts.offline = true;
    else if (a === '--headless') opts.headless = true;
    else if (a === '--screenshot') opts.screenshot = path.resolve(value());
    else if (a === '--url') opts.url = value();
    else if (a === '--port') opts.port = Number(value());
    else if (a === '--build') opts.build = 'always';
    else if (a === '--no-build') opts.build = 'never';
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/start.mjs [--offline] [--headless] [--screenshot <file>] [--url <url>] [--port <n>] [--build|--no-build] [--verbose]');
      process.exit(0);
    } else fail(`unknown option ${a} (see --help)`);
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port > 0 && opts.port < 65536)) fail('--port must be 1..65535');
  return opts;
}

/** Newest mtime under the given paths (files or directories, recursively). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (name !== 'node_modules' && !name.startsWith('.')) visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

function buildIfNeeded(mode) {
  const manifest = path.join(EXTENSION_DIR, 'manifest.json');
  if (mode === 'never') {
    if (!existsSync(manifest)) fail(`No extension build at ${EXTENSION_DIR} (manifest.json missing). Run \`npx wxt build\`.`);
    return;
  }
  const sources = ['entrypoints', 'src', 'assets', 'public', 'wxt.config.ts', 'package.json'].map((p) => path.join(ROOT, p));
  const stale = !existsSync(manifest) || newestMtime(sources) > statSync(manifest).mtimeMs;
  if (mode === 'auto' && !stale) {
    console.log('[paper-atlas] extension build is up to date (.output/chrome-mv3)');
    return;
  }
  console.log('[paper-atlas] building the extension: npx wxt build');
  const r = spawnSync('npx', ['wxt', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail('`wxt build` failed (see above).');
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

function findChromium() {
  if (process.env.CHROME_PATH) {
    if (!existsSync(process.env.CHROME_PATH)) fail(`CHROME_PATH=${process.env.CHROME_PATH} does not exist.`);
    return process.env.CHROME_PATH;
  }
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/Applications/Chromium.app/Contents/MacOS/Chromium'].find((p) => existsSync(p)) ?? onPath('chromium') ?? onPath('chromium-browser');
  if (!found) {
    fail(
      [
        'No Chromium found (looked for /usr/bin/chromium, chromium and chromium-browser on PATH).',
        'Install it:',
        '  Debian:  sudo apt-get install -y chromium',
        '  Ubuntu:  sudo snap install chromium',
        '  Fedora:  sudo dnf install -y chromium',
        '  macOS:   brew install --cask chromium',
        'or set CHROME_PATH=/path/to/chromium.',
        '(Google Chrome 137+ no longer loads unpacked extensions from the command line, so it is not used.)',
      ].join('\n'),
    );
  }
  return found;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const headless = opts.headless;
  const executablePath = findChromium();
  if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    fail('No display (DISPLAY/WAYLAND_DISPLAY unset). Use --headless --screenshot <file> to check it without one.');
  }
  buildIfNeeded(CUSTOM_EXTENSION ? 'never' : opts.build);

  // Let Node load the shared TypeScript helpers.
  try {
    const { register } = await import('tsx/esm/api');
    register();
  } catch {
    fail('tsx is not installed. Run `npm install` first.');
  }
  const { launchWithExtension } = await import('../tests/e2e/support/browser.ts');
  const { SIDEBAR_HOST } = await import('../tests/e2e/support/constants.ts');

  let server;
  let startUrl = opts.url ?? ONLINE_URL;
  if (opts.offline) {
    const { startArxivSite } = await import('../tests/e2e/support/site.ts');
    const { loadSeedPapers, SYNTHETIC_ID_PREFIX } = await import('../tests/e2e/support/seed-pages.ts');
    server = await startArxivSite({ seedPapers: loadSeedPapers(), log: opts.verbose, ...(opts.port ? { port: opts.port } : {}) });
    const first = server.site.seed[0];
    startUrl = opts.url ?? first?.url ?? 'https://arxiv.org/abs/1706.03762v7';
    console.log(`[paper-atlas] offline arXiv on ${server.url}; the browser maps arxiv.org there. Pages:`);
    for (const p of server.site.pages) {
      const kind = p.id.startsWith(SYNTHETIC_ID_PREFIX) ? 'seed, synthetic id' : 'real fixture';
      console.log(`  https://arxiv.org/abs/${p.id}  (${kind})  ${p.title.slice(0, 70)}`);
    }
    console.log('  https://arxiv.org/search/?query=<words>&searchtype=title  (title search over these pages)');
  }

  const browser = await launchWithExtension({
    extensionPath: EXTENSION_DIR,
    executablePath,
    headless,
    ...(server ? { port: server.port } : {}),
    // A headed window sizes itself; headless needs a viewport for the screenshot.
    viewport: headless ? { width: 1400, height: 900 } : null,
    // Our own handlers below close the browser and delete the profile.
    handleSignals: false,
  });
  console.log(`[paper-atlas] extension ${browser.extensionId} loaded (${executablePath}, profile ${browser.userDataDir})`);

  let shuttingDown = false;
  const shutdown = async (code = 0) => {
    if (shuttingDown) return;
    shuttingDown = true;
    await browser.close();
    await server?.close();
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(0));

  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  console.log(`[paper-atlas] opening ${startUrl}`);
  try {
    await page.goto(startUrl, { waitUntil: 'domcontentloaded' });
  } catch (err) {
    console.error(`[paper-atlas] could not open ${startUrl}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    if (opts.screenshot || headless) return shutdown(1);
  }

  if (opts.screenshot || headless) {
    let ok = true;
    try {
      await page.waitForSelector(SIDEBAR_HOST, { state: 'attached', timeout: SIDEBAR_TIMEOUT_MS });
      // Let the sidebar render its answer before the picture is taken.
      await page.waitForLoadState('load').catch(() => {});
      await page.waitForTimeout(1000);
      console.log(`[paper-atlas] sidebar <${SIDEBAR_HOST}> is on the page`);
    } catch {
      ok = false;
      console.error(`[paper-atlas] the sidebar <${SIDEBAR_HOST}> did not appear within ${SIDEBAR_TIMEOUT_MS / 1000} s`);
    }
    if (opts.screenshot) {
      await page.screenshot({ path: opts.screenshot });
      console.log(`[paper-atlas] screenshot saved: ${opts.screenshot}`);
    }
    return shutdown(ok ? 0 : 1);
  }

  console.log('[paper-atlas] running; close the browser window or press Ctrl+C to stop.');
  browser.context.on('close', () => void shutdown(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
