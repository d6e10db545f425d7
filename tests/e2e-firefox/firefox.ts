import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT, SCREENSHOT_DIR } from '../e2e/support/constants.ts';
import { screenshotFileName } from '../e2e/support/screenshots.ts';
import { startArxivProxy, type ArxivProxy } from './proxy.ts';

/** Firefox binary: $FIREFOX_PATH, else Debian's /usr/bin/firefox-esr. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** The Firefox MV2 build (`wxt build -b firefox`), unless $PAPER_ATLAS_FIREFOX_EXTENSION_PATH says otherwise. */
export const FIREFOX_EXTENSION_PATH =
  process.env.PAPER_ATLAS_FIREFOX_EXTENSION_PATH || path.join(REPO_ROOT, '.output/firefox-mv2');

/** The add-on id from wxt.config.ts (browser_specific_settings.gecko.id). */
export const GECKO_ID = 'paper-atlas@example.org';

/**
 * The moz-extension:// host. Firefox gives each add-on a random UUID per
 * profile; pre-seeding `extensions.webextensions.uuids` pins it, so the tests
 * know the popup's address (moz-extension://<uuid>/popup.html).
 */
export const EXTENSION_UUID = '0a7e5a11-a7a5-4e2e-8f1e-000000000001';

/**
 * Preferences that keep a test Firefox off the network, on top of the ones
 * Puppeteer already writes into its profile (@puppeteer/browsers
 * defaultProfilePreferences: app.update.disabledForTesting, app.normandy.api_url
 * '', services.settings.server 'data:...' (remote settings), safebrowsing
 * off, datareporting/health report off, extensions.update.enabled false,
 * extensions.getAddons.cache.enabled false, media.gmp-manager.updateEnabled
 * false, network.http.speculative-parallel-limit 0, network.sntp.pools dummy,
 * security.certerrors.mitm.priming.enabled false, browser.search.update
 * false, ...). Everything still left goes through the test proxy, which
 * refuses non-arXiv hosts at once and records them (ArxivProxy.blocked), so
 * a forgotten service fails fast instead of hanging on the closed network.
 */
export function quietNetworkPrefs(): Record<string, unknown> {
  return {
    // Updates (Debian's ESR has no updater, but be explicit).
    'app.update.auto': false,
    'app.update.enabled': false,
    'app.update.service.enabled': false,
    'app.update.staging.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.systemAddon.update.url': '',
    'extensions.update.autoUpdateDefault': false,
    'extensions.blocklist.enabled': false,
    'extensions.getAddons.showPane': false,
    'extensions.htmlaboutaddons.recommendations.enabled': false,
    'browser.search.geoip.url': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    // Telemetry, studies, experiments, pings.
    'toolkit.telemetry.enabled': false,
    'toolkit.telemetry.unified': false,
    'toolkit.telemetry.archive.enabled': false,
    'toolkit.telemetry.server': 'data:,',
    'toolkit.telemetry.reportingpolicy.firstRun': false,
    'toolkit.telemetry.shutdownPingSender.enabled': false,
    'toolkit.telemetry.firstShutdownPing.enabled': false,
    'toolkit.telemetry.newProfilePing.enabled': false,
    'toolkit.telemetry.updatePing.enabled': false,
    'toolkit.telemetry.bhrPing.enabled': false,
    'datareporting.usage.uploadEnabled': false,
    'app.shield.optoutstudies.enabled': false,
    'app.normandy.enabled': false,
    'messaging-system.rsexperimentloader.enabled': false,
    'nimbus.rollouts.enabled': false,
    'browser.ping-centre.telemetry': false,
    'browser.crashReports.unsubmittedCheck.autoSubmit2': false,
    'breakpad.reportURL': '',
    // Captive portal and connectivity checks (detectportal.firefox.com).
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // DNS over HTTPS off; no prefetching or speculative connections.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.predictor.enable-prefetch': false,
    'browser.urlbar.speculativeConnect.enabled': false,
    'browser.places.speculativeConnect.enabled': false,
    // Certificate revocation / CRLite / intermediate preloading fetches.
    'security.OCSP.enabled': 0,
    'security.remote_settings.crlite_filters.enabled': false,
    'security.remote_settings.intermediates.enabled': false,
    'security.pki.crlite_mode': 0,
    // New tab / home page content, Pocket, top sites, sponsored content.
    'browser.newtabpage.activity-stream.feeds.section.topstories': false,
    'browser.newtabpage.activity-stream.feeds.snippets': false,
    'browser.newtabpage.activity-stream.feeds.telemetry': false,
    'browser.newtabpage.activity-stream.telemetry': false,
    'browser.newtabpage.activity-stream.showSponsored': false,
    'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
    'browser.topsites.contile.enabled': false,
    'extensions.pocket.enabled': false,
    // Accounts/sync, push, geolocation, safe browsing lists, ML/translation model downloads.
    'identity.fxaccounts.enabled': false,
    'dom.push.enabled': false,
    'dom.push.connection.enabled': false,
    'geo.provider.network.url': '',
    'browser.safebrowsing.provider.google4.updateURL': '',
    'browser.safebrowsing.provider.google.updateURL': '',
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.translations.enable': false,
    'browser.ml.enable': false,
    'browser.ml.chat.enabled': false,
    // Media plugin (OpenH264/Widevine) downloads.
    'media.gmp-gmpopenh264.enabled': false,
    'media.gmp-widevinecdm.enabled': false,
    'media.gmp-manager.url': 'data:,',
    // First-run pages and UI that could fetch something.
    'browser.aboutwelcome.enabled': false,
    'trailhead.firstrun.didSeeAboutWelcome': true,
    'browser.discovery.enabled': false,
    'browser.contentblocking.report.lockwise.enabled': false,
    'browser.vpn_promo.enabled': false,
  };
}

/**
 * Environment for Firefox. MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 is what
 * Mozilla's own test harnesses set: (1) Firefox aborts on any socket to a
 * non-local address (ours all go to the proxy on 127.0.0.1, so this is only
 * a tripwire), and (2) it is the one way a release/ESR build honours
 * `services.settings.server` (Puppeteer sets "data:,#remote-settings-dummy/v1";
 * without the variable ESR ignores the override and polls
 * firefox.settings.services.mozilla.com for remote settings, 10+ times
 * during start-up — refused by the proxy, but noise and wasted time).
 */
export function firefoxEnv(): Record<string, string | undefined> {
  return { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' };
}

/**
 * Route everything through the test proxy (http and https alike), with no
 * exceptions — not even localhost — and no fallback to a direct connection.
 */
export function proxyPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1, // manual
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.socks': '',
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // Never fall back to a direct connection if the proxy fails. (With an
    // http proxy Firefox does no DNS lookups of its own for proxied hosts.)
    'network.proxy.failover_direct': false,
  };
}

export interface FirefoxLaunchOptions {
  /** Port of the local arXiv server (startArxivSite). */
  arxivPort: number;
  /** Unpacked Firefox build; default FIREFOX_EXTENSION_PATH. */
  extensionPath?: string;
  /** Default true. */
  headless?: boolean;
  executablePath?: string;
  /** Extra prefs (override the ones above). */
  prefs?: Record<string, unknown>;
  /** Pipe Firefox's stdout/stderr to ours (debugging). */
  dumpio?: boolean;
  /** Log proxy traffic to stderr. */
  logProxy?: boolean;
}

export interface FirefoxExtensionBrowser {
  browser: Browser;
  proxy: ArxivProxy;
  /** What BiDi webExtension.install answered: the gecko id. */
  extensionId: string;
  /** moz-extension://<EXTENSION_UUID> */
  extensionOrigin: string;
  newPage(): Promise<Page>;
  /** Open the popup page (moz-extension://<uuid>/popup.html) in a new tab. */
  openPopup(): Promise<Page>;
  /** Open the options page (moz-extension://<uuid>/options.html) in a new tab. */
  openOptions(): Promise<Page>;
  /** Close Firefox (Puppeteer deletes its temporary profile) and the proxy. Safe to call twice. */
  close(): Promise<void>;
}

/** Throw a helpful error when the Firefox binary is missing. */
export function assertFirefox(executablePath: string = FIREFOX_PATH): void {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Firefox not found at ${executablePath}. Install it (Debian: sudo apt-get install -y firefox-esr) ` +
        'or point $FIREFOX_PATH at a Firefox (115+ with WebDriver BiDi) binary.',
    );
  }
}

/**
 * Start Firefox (WebDriver BiDi, fresh temporary profile, headless) behind the
 * arXiv-only proxy, and install the unpacked Firefox build as a temporary
 * add-on over BiDi (webExtension.install {type: "path"}; temporary add-ons
 * need no signature, also in release/ESR builds).
 */
export async function launchFirefoxWithExtension(opts: FirefoxLaunchOptions): Promise<FirefoxExtensionBrowser> {
  const extensionPath = path.resolve(opts.extensionPath ?? FIREFOX_EXTENSION_PATH);
  const executablePath = opts.executablePath ?? FIREFOX_PATH;
  if (!existsSync(path.join(extensionPath, 'manifest.json'))) {
    throw new Error(`No extension at ${extensionPath} (manifest.json missing). Run \`npx wxt build -b firefox\` first.`);
  }
  assertFirefox(executablePath);

  const proxy = await startArxivProxy({ targetPort: opts.arxivPort, ...(opts.logProxy ? { log: true } : {}) });
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: opts.headless ?? true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 900 },
      dumpio: opts.dumpio ?? false,
      env: firefoxEnv(),
      // WebDriver BiDi refuses browsingContext.navigate to anything but
      // http(s)/file/blob/about:blank ("Navigation to moz-extension://... is
      // not allowed in this context") unless system access is allowed; the
      // popup test needs moz-extension://<uuid>/popup.html.
      args: ['--remote-allow-system-access'],
      timeout: 60_000,
      protocolTimeout: 60_000,
      extraPrefsFirefox: {
        ...quietNetworkPrefs(),
        ...proxyPrefs(proxy.port),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
        ...(opts.prefs ?? {}),
      },
    });
  } catch (err) {
    await proxy.close();
    throw err;
  }

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => {});
    await proxy.close();
  };

  try {
    const extensionId = await browser.installExtension(extensionPath);
    const extensionOrigin = `moz-extension://${EXTENSION_UUID}`;
    async function openExtensionPage(file: string): Promise<Page> {
      const page = await browser.newPage();
      const url = `${extensionOrigin}/${file}`;
      // Firefox loads the page (in the extension process), but Puppeteer's
      // goto() never sees that navigation finish and times out after 30 s
      // (puppeteer-core 25.16 + ESR 153). So start it without waiting on it
      // and wait for the document instead.
      const navigation = page.goto(url, { timeout: 20_000 }).catch(() => null);
      // Polled from Node: waitForFunction re-checks with Function(), which the
      // extension page's CSP refuses once the page's document is in place.
      const ready = () => page.evaluate(() => [location.href, document.readyState].join(' ')).catch(() => '');
      const deadline = Date.now() + 20_000;
      while ((await ready()) !== `${url} complete`) {
        if (Date.now() > deadline) throw new Error(`${url} did not load within 20 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
      void navigation;
      return page;
    }
    return {
      browser,
      proxy,
      extensionId,
      extensionOrigin,
      newPage: () => browser.newPage(),
      openPopup: () => openExtensionPage('popup.html'),
      openOptions: () => openExtensionPage('options.html'),
      close,
    };
  } catch (err) {
    await close();
    throw new Error(`Installing ${extensionPath} over WebDriver BiDi (webExtension.install) failed: ${String(err)}`);
  }
}

/** Save a PNG under test-results/screenshots/firefox-<name>.png and return its path. */
export async function firefoxShot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, screenshotFileName(`firefox-${name}`)) as `${string}.png`;
  await page.screenshot({ path: file });
  return file;
}
