import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ARXIV_HOSTS, CHROMIUM_PATH, EXTENSION_PATH } from './constants.ts';

export interface LaunchOptions {
  /** Unpacked extension directory (with manifest.json); default .output/chrome-mv3. */
  extensionPath?: string;
  /**
   * Port of the local arXiv server. When given, the arXiv hosts are mapped to
   * 127.0.0.1:<port> and every other host fails to resolve. When omitted, the
   * browser uses the real network (scripts/start.mjs online mode).
   */
  port?: number;
  /** Default true (Chromium's new headless mode, which runs extensions). */
  headless?: boolean;
  /** Chromium binary; default $CHROME_PATH or /usr/bin/chromium. */
  executablePath?: string;
  /** Page viewport; default 1280x900. `null` lets a headed window size itself. */
  viewport?: { width: number; height: number } | null;
  /** More Chromium switches. */
  extraArgs?: string[];
  /** How long to wait for the extension's service worker; default 15 s. */
  serviceWorkerTimeoutMs?: number;
  /**
   * Let Playwright kill the browser on SIGINT/SIGTERM/SIGHUP (default true).
   * Pass false when the caller handles signals itself and calls close(), so
   * the temporary profile is removed too (scripts/start.mjs does).
   */
  handleSignals?: boolean;
  /**
   * Use this (existing) profile directory instead of a fresh one; close()
   * then leaves it in place, for a later launch to open (bench/sidebar-browser.ts).
   */
  userDataDir?: string;
}

export interface ExtensionBrowser {
  context: BrowserContext;
  /** The 32-letter id Chromium gave the unpacked extension. */
  extensionId: string;
  /** The extension's MV3 background service worker as found at launch. */
  serviceWorker: Worker;
  /**
   * The worker running now. Chromium stops idle MV3 workers (about 30 s) and
   * starts a new one on the next event, so long tests should use this rather
   * than `serviceWorker`. Waits up to 10 s for one to start.
   */
  currentServiceWorker(): Promise<Worker>;
  /** The profile directory (fresh and deleted again by close(), unless LaunchOptions.userDataDir named it). */
  userDataDir: string;
  /** Open chrome-extension://<id>/popup.html in a new tab. */
  openPopup(): Promise<Page>;
  /** Close the browser and delete the profile. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * The --host-resolver-rules value that sends the arXiv hosts to our local
 * server. Chromium's MAP rule may carry a port ("MAP host 127.0.0.1:8443"):
 * it then replaces the URL's port too, so https://arxiv.org/abs/... (port 443)
 * reaches the test server on an unprivileged port. `MAP * ~NOTFOUND` makes
 * every other host fail at once (no real network from tests).
 */
export function hostResolverRules(port: number): string {
  return [...ARXIV_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'].join(', ');
}

/** Chromium switches for a browser with exactly our extension loaded. */
export function extensionBrowserArgs(extensionPath: string, port?: number): string[] {
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--ignore-certificate-errors',
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
  ];
  if (port !== undefined) args.push(`--host-resolver-rules=${hostResolverRules(port)}`);
  return args;
}

/** Throw a helpful error when the Chromium binary is missing. */
export function assertChromium(executablePath: string = CHROMIUM_PATH): void {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) ` +
        'or point $CHROME_PATH at a Chromium binary. (Google Chrome 137+ ignores --load-extension; use Chromium.)',
    );
  }
}

/**
 * Start Chromium with a fresh temporary profile and the unpacked extension,
 * wait until its service worker runs, and return handles for tests.
 */
export async function launchWithExtension(opts: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const extensionPath = path.resolve(opts.extensionPath ?? EXTENSION_PATH);
  const executablePath = opts.executablePath ?? CHROMIUM_PATH;
  if (!existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No extension at ${extensionPath} (manifest.json missing). Run \`npx wxt build\` first.`);
  }
  assertChromium(executablePath);

  const keep = opts.userDataDir !== undefined;
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'paper-atlas-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: opts.headless ?? true,
      ignoreHTTPSErrors: true,
      viewport: opts.viewport === undefined ? { width: 1280, height: 900 } : opts.viewport,
      // Playwright passes --disable-extensions by default; we want ours loaded.
      // --enable-automation only adds the "controlled by automated software" bar.
      ignoreDefaultArgs: ['--disable-extensions', '--enable-automation'],
      args: [...extensionBrowserArgs(extensionPath, opts.port), ...(opts.extraArgs ?? [])],
      handleSIGINT: opts.handleSignals ?? true,
      handleSIGTERM: opts.handleSignals ?? true,
      handleSIGHUP: opts.handleSignals ?? true,
    });
  } catch (err) {
    if (!keep) rmSync(userDataDir, { recursive: true, force: true });
    throw err;
  }

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => {});
    if (!keep) rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
  };

  try {
    const serviceWorker = await findServiceWorker(context, opts.serviceWorkerTimeoutMs ?? 15_000);
    const extensionId = new URL(serviceWorker.url()).host;
    return {
      context,
      extensionId,
      serviceWorker,
      currentServiceWorker: () => findServiceWorker(context, 10_000),
      userDataDir,
      async openPopup() {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/popup.html`);
        return page;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

async function findServiceWorker(context: BrowserContext, timeoutMs: number): Promise<Worker> {
  const isExtensionWorker = (w: Worker) => w.url().startsWith('chrome-extension://');
  const existing = context.serviceWorkers().find(isExtensionWorker);
  if (existing) return existing;
  try {
    return await context.waitForEvent('serviceworker', { predicate: isExtensionWorker, timeout: timeoutMs });
  } catch {
    // The worker may have registered between the two checks.
    const late = context.serviceWorkers().find(isExtensionWorker);
    if (late) return late;
    throw new Error(
      `The extension's service worker did not start within ${timeoutMs} ms. ` +
        'Is the build an MV3 extension with a background service worker, and does this Chromium load unpacked extensions?',
    );
  }
}
