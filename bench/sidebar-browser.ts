/**
 * Navigation → sidebar with the 74,728-paper sample, in Chromium with no
 * automation attached: issue #5's figure as a reader gets it.
 *
 * The e2e perf test (tests/e2e/sidebar-perf.test.ts) drives Chromium with
 * Playwright, which attaches to every page and adds its own work to each
 * navigation before any of the page runs. Here Playwright only seeds the
 * dataset and waits for its index; then Chromium is started again on that
 * profile by itself, and the pages walk themselves: a small script at the
 * top of each served page notes, once per animation frame, when the sidebar
 * is in the DOM (the e2e test's definition) and the page's first contentful
 * paint (the sidebar is on screen at the later of the two), logs the timings to the
 * console (Chromium's --enable-logging copies them to stderr, read here),
 * and goes on to the next page as a reader's click on a link would.
 *
 *   npx wxt build && npx tsx bench/sidebar-browser.ts [--pages 40] [--linger 8]
 *
 * Two passes: arXiv's static assets answered with an uncacheable 404 (every
 * visit is a first visit), then with a cacheable stand-in, as for a reader
 * who has opened arXiv before. Both are walked again with no extension
 * loaded: arXiv's page alone, whose first paint bounds when any sidebar in
 * it can be seen; and the cached walk once more with our abstract-page script
 * emptied, for what injecting a script at document_start costs by itself.
 * `--linger N` adds a walk of N pages each
 * left open for 35 s, past the 30 s after which Chromium stops an idle
 * extension worker: what a reader who reads each page gets. Without the
 * keep-ready setting (src/messaging/keep-ready.ts) every sidebar
 * of that walk would wait for a cold start. Then a reader clicking through:
 * each page, 2 s after its sidebar came, clicks its first related paper not
 * opened yet (whose answer the background made ahead,
 * src/background/answers-ahead.ts).
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HAVE_SAMPLE, readSample, seedDataset } from '../tests/e2e/popup-seed.ts';
import { extensionBrowserArgs, launchWithExtension } from '../tests/e2e/support/browser.ts';
import { CHROMIUM_PATH, EXTENSION_PATH } from '../tests/e2e/support/constants.ts';
import { choosePerfPages, pageFor } from '../tests/e2e/support/perf-pages.ts';
import { loadSeedPapers, seedPages } from '../tests/e2e/support/seed-pages.ts';
import { startArxivServer, type ServedPage, type StaticAssets } from '../tests/e2e/support/server.ts';
import { quantile } from '../tests/e2e/support/sidebar-timing.ts';

const args = process.argv.slice(2);
const pagesArg = args.indexOf('--pages');
const PAGES = pagesArg >= 0 ? Number(args[pagesArg + 1]) : 40;
const lingerArg = args.indexOf('--linger');
/** Sample-paper pages of the third walk, each read for LINGER_MS before the next is opened. */
const LINGER_PAGES = lingerArg >= 0 ? Number(args[lingerArg + 1]) : 0;
/** Longer than Chromium's 30 s idle limit for an extension's service worker. */
const LINGER_MS = 35_000;
/** How long a reader clicking through reads a page before clicking a related paper. */
const CLICK_STAY_MS = 2_000;
/**
 * How long the last warm-up page of a walk stays open. Each walk starts a
 * Chromium, so its worker starts too, and after its first answer it reads the
 * rest of the index from IndexedDB in the background (src/background/reads.ts:
 * all postings 0.6–1.6 s and all abstracts 1.2–3.2 s after that answer, on
 * this machine). A reader is still on the first page by then; a walk opening
 * a page every half second would instead time its first pages against those
 * reads (the worker's time per page was 47 ms during them against 22 ms after).
 */
const WARM_STAY_MS = 6_000;
/** A page whose sidebar has not come by then is reported missing, and the walk goes on. */
const GIVE_UP_MS = 60_000;

interface Visit {
  /** The URL opened; `?visit=<n>` makes each visit its own served page. */
  url: string;
  html: string;
  group: string;
  /** How long the page stays open after its sidebar came (ms). */
  stay?: number;
}

/** What the page's probe reports, in ms since navigation start. */
interface ProbeTiming {
  visit: number;
  painted?: number;
  host?: number;
  fcp?: number;
  /** The page's response began (the test server's share of the time). */
  response?: number;
  start?: number;
  idReply?: number;
  anchor?: number;
  pageSent?: number;
  reply?: number;
}

/**
 * The probe, first in <head>. It polls once per animation frame, as the e2e
 * recorder does (tests/e2e/support/sidebar-timing.ts), so `painted` is the
 * first frame in which the answered sidebar body existed. The content script's
 * marks are on the page's performance timeline. `visit` is a JS expression
 * for the visit's number; `came` runs as soon as the sidebar came and `then`
 * `stay` ms after (with `waitFor` 'paint', for a page with no sidebar: after
 * its first paint).
 */
function probe(visit: string, then: string, stay: number, setup = '', waitFor: 'sidebar' | 'paint' = 'sidebar', came = ''): string {
  const body = `(() => {
  ${setup}
  const t = {};
  const done = () => {
    const mark = (s) => performance.getEntriesByName('paper-atlas:' + s, 'mark')[0]?.startTime;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    const response = performance.getEntriesByType('navigation')[0]?.responseStart;
    console.log('PAPER_ATLAS_TIMING ' + JSON.stringify({ visit: ${visit}, painted: t.painted, host: t.host, fcp, response, start: mark('start'), idReply: mark('id-reply'), anchor: mark('anchor'), pageSent: mark('page-sent'), reply: mark('reply') }));
    ${then}
  };
  const poll = () => {
    const host = document.querySelector('paper-atlas-sidebar');
    if (host && t.host === undefined) t.host = performance.now();
    if (${waitFor === 'paint' ? "performance.getEntriesByName('first-contentful-paint').length > 0" : `host?.shadowRoot?.querySelector('[data-testid="sidebar-body"]')`}) {
      t.painted = performance.now();
      ${came}
      setTimeout(done, ${stay}); // the learning step and the first paint settle; not counted
    } else if (performance.now() > ${GIVE_UP_MS}) done();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();`;
  return `<script>${body}</script>`;
}

/** A page opening the next one of a fixed walk (once its sidebar came, or with no extension once it first painted). */
const walkProbe = (visit: number, next: string | undefined, stay: number, waitFor: 'sidebar' | 'paint') =>
  probe(String(visit), next ? `location.href = ${JSON.stringify(next)};` : '', stay, '', waitFor);

/**
 * A page of a reader clicking through: `stay` ms after its sidebar came, it
 * clicks the first related paper not opened yet in this walk (a restart
 * page when there is none). The walk's count and the pages opened live in
 * the tab's sessionStorage.
 *
 * The test server makes each page of this walk when it is first asked for
 * (25–90 ms in Node), where arXiv's server would answer at once: so as the
 * sidebar comes, the probe asks for the page it will open (not stored in
 * the browser's cache), and the server has it made while this one is read.
 */
function clickProbe(visits: number, stay: number, restarts: readonly string[]): string {
  const setup = `const walk = JSON.parse(sessionStorage.getItem('pa-walk') ?? '{"n":0,"seen":[]}');
  walk.seen.push(location.pathname);
  const restarts = ${JSON.stringify(restarts)};
  const pick = () => [...(document.querySelector('paper-atlas-sidebar')?.shadowRoot?.querySelectorAll('[data-testid="related-list"] a[href*="/abs/"]') ?? [])]
    .find((a) => !walk.seen.includes(new URL(a.href).pathname));`;
  const came = `if (walk.n + 1 < ${visits}) fetch(pick()?.href ?? restarts[(walk.n + 1) % restarts.length], { cache: 'no-store' }).catch(() => undefined);`;
  const then = `if (walk.n + 1 >= ${visits}) return;
    walk.n++;
    const link = pick();
    sessionStorage.setItem('pa-walk', JSON.stringify(walk));
    if (link) link.click();
    else location.href = restarts[walk.n % restarts.length];`;
  return probe('walk.n', then, stay, setup, 'sidebar', came);
}

/**
 * Serves `visits` as one walk (each page opens the next) and runs it in a
 * Chromium of its own; returns the probes' reports. With `extension` null
 * the same pages are walked with no extension loaded: arXiv's page alone,
 * whose first paint bounds when any sidebar in it can be seen.
 */
function walk(profile: string, visits: readonly Visit[], assets: StaticAssets, extension: string | null = EXTENSION_PATH, waitFor: 'sidebar' | 'paint' = 'sidebar'): Promise<ProbeTiming[]> {
  const aliases: Record<string, string> = {};
  visits.forEach((v, i) => {
    const { pathname, search } = new URL(v.url);
    aliases[pathname + search] = v.html.replace('<head>', `<head>${walkProbe(i, visits[i + 1]?.url, visits[i]?.stay ?? 250, extension === null ? 'paint' : waitFor)}`);
  });
  const budget = visits.reduce((ms, v) => ms + (v.stay ?? 0) + GIVE_UP_MS, 2 * GIVE_UP_MS);
  return run(profile, { aliases, first: visits[0]?.url ?? '', visits: visits.length, budget, extension }, assets);
}

/** Runs Chromium on `profile` from `first` until `visits` pages have reported; returns their reports. */
async function run(
  profile: string,
  walk: { aliases?: Record<string, string>; pageFor?: (id: string) => ServedPage | undefined; first: string; visits: number; budget: number; extension?: string | null },
  assets: StaticAssets,
): Promise<ProbeTiming[]> {
  const server = await startArxivServer({ pages: [], aliases: walk.aliases, pageFor: walk.pageFor });
  server.setStaticAssets(assets);
  // The same switches either way, but the two that load the extension.
  const switches = extensionBrowserArgs(walk.extension ?? EXTENSION_PATH, server.port).filter((a) => walk.extension !== null || !/^--(load-extension|disable-extensions-except)=/.test(a));
  if (walk.extension === null) switches.push('--disable-extensions');
  const chromium = spawn(
    CHROMIUM_PATH,
    [...switches, '--headless=new', `--user-data-dir=${profile}`, '--window-size=1280,900', '--enable-logging=stderr', '--v=0', walk.first],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const reports: ProbeTiming[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the walk stopped after ${reports.length} of ${walk.visits} pages`)), walk.budget);
      let pending = '';
      chromium.stderr.on('data', (chunk: Buffer) => {
        pending += chunk.toString();
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          // [pid:tid:...:INFO:CONSOLE(n)] "PAPER_ATLAS_TIMING {...}", source: ...
          if (process.env.PAPER_ATLAS_BENCH_LOG && line.includes('[Paper Atlas]')) console.log(`  ${line.slice(line.indexOf('[Paper Atlas]'))}`);
          const m = /PAPER_ATLAS_TIMING (\{.*\})", source:/.exec(line);
          if (!m?.[1]) continue;
          reports.push(JSON.parse(m[1]) as ProbeTiming);
          if (reports.length === walk.visits) {
            clearTimeout(timer);
            resolve();
          }
        }
      });
      chromium.once('exit', (code) => reject(new Error(`Chromium exited (${code}) after ${reports.length} of ${walk.visits} pages`)));
    });
  } finally {
    const exited = new Promise((resolve) => chromium.once('exit', resolve));
    chromium.kill();
    await exited;
    await server.close();
  }
  return reports;
}

/**
 * When the reader can first see the sidebar: a frame's animation callbacks
 * run before it is painted, and Chromium paints nothing of a page before its
 * first contentful paint, so a sidebar in the DOM earlier shows at that paint.
 */
const onScreen = (r: ProbeTiming): number | undefined => (r.painted === undefined || r.fcp === undefined ? r.painted : Math.max(r.painted, r.fcp));

/** The p-quantile of the known values, rounded to the ms (NaN when none is known). */
function quant(xs: readonly (number | undefined)[], p: number): number {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length ? Math.round(quantile(known, p)) : NaN;
}

function describe(label: string, reports: readonly ProbeTiming[]): string {
  const missing = reports.filter((r) => r.painted === undefined).length;
  const q = (k: keyof ProbeTiming, p: number) => quant(reports.map((r) => r[k]), p);
  const fcpAfter = reports.filter((r) => r.painted !== undefined && r.fcp !== undefined && r.painted <= r.fcp).length;
  return (
    `${label} (${reports.length} pages${missing ? `, ${missing} with no sidebar within ${GIVE_UP_MS / 1000} s` : ''}): ` +
    `navigation start -> sidebar on screen median ${quant(reports.map(onScreen), 0.5)} ms, p95 ${quant(reports.map(onScreen), 0.95)} ms ` +
    `(in the DOM at a frame: median ${q('painted', 0.5)} ms, p95 ${q('painted', 0.95)} ms) | ` +
    `medians: response ${q('response', 0.5)}, content script start ${q('start', 0.5)}, id answer ${q('idReply', 0.5)}, column parsed ${q('anchor', 0.5)}, ` +
    `page lookup sent ${q('pageSent', 0.5)}, answer in hand ${q('reply', 0.5)}, host in DOM ${q('host', 0.5)}, ` +
    `page's first contentful paint ${q('fcp', 0.5)} (sidebar in the DOM by then on ${fcpAfter} of ${reports.length})`
  );
}

/** The same pages with no extension: when arXiv's page alone first paints (nothing of a page is seen before). */
function describeAlone(label: string, alone: readonly ProbeTiming[], withSidebar: readonly ProbeTiming[]): string {
  const fcp = quant(alone.map((r) => r.fcp), 0.5);
  const shown = quant(withSidebar.map(onScreen), 0.5);
  return `${label} (${alone.length} pages): first contentful paint median ${fcp} ms, p95 ${quant(alone.map((r) => r.fcp), 0.95)} ms; ` +
    `with Paper Atlas the sidebar is on screen ${shown - fcp} ms after it (median against median)`;
}

/** A copy of the built extension under `dir` whose abstract-page content script is one empty statement. */
function emptyScriptCopy(dir: string): string {
  const copy = path.join(dir, 'idle-extension');
  cpSync(EXTENSION_PATH, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(path.join(copy, 'manifest.json'), 'utf8')) as { content_scripts?: { matches: string[]; js?: string[] }[] };
  const abs = manifest.content_scripts?.find((c) => c.matches.some((m) => m.includes('/abs')));
  if (!abs?.js?.length) throw new Error('the build has no content script for abstract pages');
  for (const js of abs.js) writeFileSync(path.join(copy, js), ';\n');
  return copy;
}

if (!HAVE_SAMPLE) {
  console.log('SKIPPED: the arXiv sample is not there (set $PAPER_ATLAS_DATA)');
} else {
  const data = await readSample();
  const { chosen, unknown } = choosePerfPages(data.papers, PAGES);
  const profile = mkdtempSync(path.join(tmpdir(), 'paper-atlas-bench-'));
  try {
    // Seeded and indexed under Playwright, which is then closed: the walks
    // below open this profile with nothing attached.
    const seeding = await launchWithExtension({ userDataDir: profile, extraArgs: ['--host-resolver-rules=MAP * ~NOTFOUND'] });
    try {
      await seedDataset(seeding, 'sample', data);
      const popup = await seeding.openPopup();
      await popup.locator('.pp-footer', { hasText: '2 datasets' }).waitFor({ timeout: 300_000 });
      // The index snapshot is written after the first answer: wait for it, or
      // the next start would build the index again.
      await popup.waitForFunction(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('paper-atlas');
            open.onsuccess = () => {
              const get = open.result.transaction('index').objectStore('index').getKey('current');
              get.onsuccess = () => resolve(get.result !== undefined);
              get.onerror = () => resolve(false);
            };
            open.onerror = () => resolve(false);
          }),
        undefined,
        { timeout: 120_000, polling: 500 },
      );
    } finally {
      await seeding.close();
    }
    let n = 0;
    const visit = (url: string, html: string, group: string): Visit => ({ url: `${url}?visit=${n++}`, html, group });
    const sample = chosen.map((p) => visit(`https://arxiv.org/abs/${p.arxivId}`, pageFor(p).html, 'sample'));
    // Warm-up visits (not counted): the worker starts and loads the index
    // from its snapshot, and the second stays WARM_STAY_MS for the reads that
    // follow a start to finish (see WARM_STAY_MS).
    const warmUp = chosen[0];
    if (!warmUp) throw new Error('no sample paper with an arXiv id');
    const warm = (group: string): Visit[] => [0, 1].map((i) => ({ ...visit(`https://arxiv.org/abs/${warmUp.arxivId}`, pageFor(warmUp).html, group), ...(i === 1 ? { stay: WARM_STAY_MS } : {}) }));
    const seeds = seedPages(loadSeedPapers()).map((p) => visit(p.url, p.html, 'seed'));
    const outside = unknown.map((p) => visit(`https://arxiv.org/abs/${p.id}`, p.html, 'unknown'));
    const firstWalk = [...warm('warm'), ...sample, ...seeds, ...outside];
    const cachedWalk = [...warm('warm'), ...sample.map((v) => visit(v.url.replace(/\?visit=\d+$/, ''), v.html, 'sample'))];

    const start = Date.now();
    const report = (walkVisits: readonly Visit[], timings: readonly ProbeTiming[], group: string) => timings.filter((t) => walkVisits[t.visit]?.group === group);
    const a = await walk(profile, firstWalk, 'not-found');
    console.log(describe("75k sample, no automation, arXiv's static assets 404: sample-paper pages", report(firstWalk, a, 'sample')));
    console.log(describe('75k sample, no automation, seed pages (learning on)', report(firstWalk, a, 'seed')));
    console.log(describe('75k sample, no automation, pages of papers not in the dataset', report(firstWalk, a, 'unknown')));
    console.log(describe('75k sample, no automation, all pages', a.filter((t) => firstWalk[t.visit]?.group !== 'warm')));
    const b = await walk(profile, cachedWalk, 'cached');
    console.log(describe("75k sample, no automation, arXiv's static assets cached: sample-paper pages", report(cachedWalk, b, 'sample')));
    // The bound: the same walks in a Chromium with no extension, on a profile of its own.
    const bare = mkdtempSync(path.join(tmpdir(), 'paper-atlas-bench-bare-'));
    try {
      const aloneFirst = await walk(path.join(bare, 'alone-profile'), firstWalk, 'not-found', null);
      for (const [group, label] of [['sample', 'sample-paper pages'], ['seed', 'seed pages'], ['unknown', 'pages of papers not in the dataset']] as const) {
        console.log(describeAlone(`arXiv's page alone (no extension), static assets 404: ${label}`, report(firstWalk, aloneFirst, group), report(firstWalk, a, group)));
      }
      const aloneCached = await walk(path.join(bare, 'alone-profile'), cachedWalk, 'cached', null);
      console.log(describeAlone("arXiv's page alone (no extension), static assets cached: sample-paper pages", report(cachedWalk, aloneCached, 'sample'), report(cachedWalk, b, 'sample')));
      // What Chromium's injecting a script at document_start costs by itself:
      // our extension with an abstract-page script that does nothing.
      const idle = emptyScriptCopy(bare);
      const idleCached = await walk(path.join(bare, 'idle-profile'), cachedWalk, 'cached', idle, 'paint');
      console.log(describeAlone("arXiv's page with Paper Atlas's abstract-page script doing nothing, static assets cached: sample-paper pages", report(cachedWalk, idleCached, 'sample'), report(cachedWalk, b, 'sample')));
    } finally {
      rmSync(bare, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    }
    // A reader clicking through: each page read for a moment, then its first
    // related paper not opened yet clicked. Pages are made as the walk asks
    // for them: any sample paper, or a seed paper by the id it learned above.
    const seedHtml = new Map(seeds.map((v) => [new URL(v.url).pathname.slice('/abs/'.length), v.html]));
    const restarts = chosen.map((p) => `https://arxiv.org/abs/${p.arxivId}`);
    const clicks = PAGES + 2; // the first two warm up
    const paperById = new Map(data.papers.filter((p) => p.arxivId).map((p) => [p.arxivId ?? '', p]));
    // Made once: asked for ahead by the page before (clickProbe), then opened.
    const made = new Map<string, ServedPage | undefined>();
    const clickPage = (id: string): ServedPage | undefined => {
      if (made.has(id)) return made.get(id);
      const paper = paperById.get(id);
      const html = paper ? pageFor(paper).html : seedHtml.get(id);
      const page = html === undefined ? undefined : { id, title: paper?.title ?? '', authors: [], html: html.replace('<head>', `<head>${clickProbe(clicks, CLICK_STAY_MS, restarts)}`) };
      made.set(id, page);
      return page;
    };
    const c = await run(profile, { pageFor: clickPage, first: restarts[0] ?? '', visits: clicks, budget: clicks * (CLICK_STAY_MS + GIVE_UP_MS) }, 'cached');
    console.log(describe(`75k sample, no automation, assets cached, clicking through related papers (each page read ${CLICK_STAY_MS / 1000} s first)`, c.filter((t) => t.visit >= 2)));
    if (LINGER_PAGES > 0) {
      // A reader who reads each page for a while, past Chromium's idle stop
      // of the worker (kept ready by the page in view, unless turned off).
      const lingerWalk = [...warm('warm'), ...sample.slice(0, LINGER_PAGES).map((v) => ({ ...visit(v.url.replace(/\?visit=\d+$/, ''), v.html, 'sample'), stay: LINGER_MS }))];
      const first = lingerWalk[1];
      if (first) first.stay = LINGER_MS; // the first counted page comes after a pause too
      const last = lingerWalk.at(-1);
      if (last) last.stay = 250; // nothing comes after it
      const d = await walk(profile, lingerWalk, 'cached');
      console.log(describe(`75k sample, no automation, assets cached, each page read for ${LINGER_MS / 1000} s first (past the worker's 30 s idle stop): sample-paper pages`, report(lingerWalk, d, 'sample')));
    }
    console.log(`(${Math.round((Date.now() - start) / 1000)} s of walking)`);
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}
