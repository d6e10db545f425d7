/**
 * Imports the arXiv sample (74,728 papers) through the options page of the
 * built extension in real Chromium, and reports the time to commit, the time
 * until the background's index is rebuilt, the progress updates seen, and the
 * peak memory of the browser's processes. `--count N` imports N papers made by
 * recombining the sample's lines (fresh ids) instead, e.g. 1000000. Then the
 * cold start in the real browser: the service worker is stopped and an
 * extension page times its first lookup-page (worker start, snapshot read
 * from IndexedDB, answer), `--cold K` times (default 5).
 *
 *   npx wxt build && npx tsx bench/import-browser.ts [--count 1000000] [--keep] [--cold 5]
 *
 * The sample comes from $PAPER_ATLAS_DATA (default ../shared/data/) and is
 * never copied into the repository; generated files go to the temp folder.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../tests/e2e/support/browser.ts';
import { REPO_ROOT } from '../tests/e2e/support/constants.ts';
import { first100, openOptions, optionsPage, writeRecombined, type SampleRecord } from '../tests/e2e/support/options.ts';

const DATA_DIR = path.resolve(REPO_ROOT, process.env.PAPER_ATLAS_DATA ?? '../shared/data/');
const SAMPLE = path.join(DATA_DIR, 'arxiv-metadata-sample.jsonl.gz');
const args = process.argv.slice(2);
const countArg = args.indexOf('--count');
const count = countArg >= 0 ? Number(args[countArg + 1]) : undefined;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

/** What /proc reports CPU time in: ticks of 1/100 s. */
const USER_HZ = 100;

/** Resident memory of every process started with this profile directory (browser, renderers, GPU, utility). */
function browserRss(profileDir: string): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(profileDir)) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      total += kb * 1024;
      largest = Math.max(largest, kb * 1024);
    } catch {
      // the process ended between listing and reading
    }
  }
  return { total, largest };
}

/** CPU time (user + system, seconds) and minor page faults of one thread, or of a whole process. */
interface Use { label: string; cpu: number; faults: number }

/**
 * Every thread of the browser's processes ("pid/tid" -> "renderer/ServiceWorker thread", ...)
 * and every process in all ("pid" -> "renderer (process)"; threads that ended count there).
 */
function readUse(profileDir: string): Map<string, Use> {
  const out = new Map<string, Use>();
  const useOf = (label: string, stat: string): Use => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { label, cpu: (Number(f[11]) + Number(f[12])) / USER_HZ, faults: Number(f[7]) }; // utime, stime; minflt
  };
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes(profileDir)) continue;
      const type = /--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser';
      out.set(pid, useOf(`${type} (process)`, readFileSync(`/proc/${pid}/stat`, 'utf8')));
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        out.set(`${pid}/${tid}`, useOf(`${type}/${name}`, readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')));
      }
    } catch {
      // the process ended between listing and reading
    }
  }
  return out;
}

/**
 * The browser's CPU and page faults by thread from start() on. Sampled while
 * the import runs, so a thread that ends before the report still counts: the
 * options page's import worker is gone by the time the summary shows. On a
 * machine others load, the CPU an import takes moves far less than its wall
 * time; where a first touch of memory is dear, the faults say how much.
 */
class BrowserUse {
  private first = new Map<string, Use>();
  private last = new Map<string, Use>();
  constructor(private readonly profileDir: string) {}

  start(): void {
    this.first = readUse(this.profileDir);
    this.last = new Map(this.first);
  }

  sample(): void {
    for (const [k, v] of readUse(this.profileDir)) this.last.set(k, v);
  }

  report(): string {
    this.sample();
    const spent = new Map<string, { cpu: number; faults: number }>();
    for (const [k, v] of this.last) {
      const was = this.first.get(k);
      const s = spent.get(v.label) ?? { cpu: 0, faults: 0 };
      spent.set(v.label, { cpu: s.cpu + v.cpu - (was?.cpu ?? 0), faults: s.faults + v.faults - (was?.faults ?? 0) });
    }
    const all = [...spent].filter(([, v]) => v.cpu >= 0.2);
    const sum = (rows: typeof all) => rows.reduce((n, [, v]) => ({ cpu: n.cpu + v.cpu, faults: n.faults + v.faults }), { cpu: 0, faults: 0 });
    const total = sum(all.filter(([k]) => k.endsWith('(process)')));
    const threads = all.filter(([k]) => !k.endsWith('(process)')).sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 7);
    const k = (faults: number) => `${Math.round(faults / 1000)}k faults`;
    return `${total.cpu.toFixed(1)} s in all (${k(total.faults)}); ${threads.map(([t, v]) => `${t} ${v.cpu.toFixed(1)} s (${k(v.faults)})`).join(', ')}`;
  }
}

/**
 * The whole machine's CPU time (seconds) in user space and in the kernel,
 * from /proc/stat. The same import code took 8-11 s on one machine here and
 * 16-19 s on another, where 35-45% of all CPU time went to the kernel (page
 * faults and IndexedDB's file I/O cost more there): the share tells which
 * kind of machine a figure comes from.
 */
function machineCpu(): { user: number; kernel: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const at = (i: number) => (f[i] ?? 0) / USER_HZ;
  return { user: at(0) + at(1), kernel: at(2) + at(5) + at(6) }; // user + nice; system + irq + softirq
}

/** "index snapshot stored" lines seen: the seed's, then the import's. */
let snapshotsStored = 0;
/** Set when the background logs that a woken worker has read every abstract (reads.ts). */
let abstractsFilled = false;
const coldArg = args.indexOf('--cold');
const coldRuns = coldArg >= 0 ? Number(args[coldArg + 1]) : 5;

/**
 * Worker stopped, then one lookup-page for a paper of the sample, timed in
 * the page from send to answer: what a reader meets on the first abstract
 * page after Chrome stopped the idle worker.
 */
async function coldStarts(browser: ExtensionBrowser, page: Page, paper: SampleRecord): Promise<void> {
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  const request = { type: 'lookup-page', page: { arxivId: paper.id, title: paper.title, authors: paper.authors.split(/,\s*|\s+and\s+/), abstract: paper.abstract } };
  const times: number[] = [];
  // The index snapshot is stored after the answer; a worker stopped before that builds again.
  const deadline = Date.now() + 600_000;
  while (snapshotsStored < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  for (let i = 0; i < coldRuns; i++) {
    await cdp.send('ServiceWorker.stopAllWorkers');
    await new Promise((r) => setTimeout(r, 500));
    const { ms, matched } = await page.evaluate(async (req) => {
      const t = performance.now();
      // The extension page's own runtime API (Chromium's `chrome`).
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
      const answer = (await runtime.sendMessage(req)) as { match?: { paper: { arxivId?: string } } | null };
      return { ms: performance.now() - t, matched: answer.match?.paper.arxivId ?? null };
    }, request);
    // A recombined file (--count) gives its papers fresh ids: any answer with a match counts.
    if (count ? matched === null : matched !== paper.id) throw new Error(`cold lookup did not match ${paper.id}: ${String(matched)}`);
    times.push(ms);
  }
  // A woken worker reads postings as answers need them: its answers must be the warm ones.
  const search = (query: string) => page.evaluate(async (q) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    const answer = (await runtime.sendMessage({ type: 'search', query: q, limit: 20 })) as { hits?: { paper: { id: string } }[] };
    return (answer.hits ?? []).map((h) => h.paper.id).join(',');
  }, query);
  const queries = ['neu', 'graph neural net', 'quantum'];
  const warm: string[] = [];
  for (const q of queries) warm.push(await search(q));
  await cdp.send('ServiceWorker.stopAllWorkers');
  await new Promise((r) => setTimeout(r, 500));
  const cold: string[] = [];
  for (const q of queries) cold.push(await search(q));
  console.log(`searches right after a wake: ${cold.every((c, i) => c === warm[i] && c !== '') ? 'the same hits as before the stop' : `DIFFERENT from before the stop: ${JSON.stringify({ warm, cold })}`}`);
  // After its first answer a woken worker reads the rest of the postings and
  // (up to 100k papers) the abstracts in the background: what that costs.
  const rssBefore = browserRss(browser.userDataDir).total;
  const fillDeadline = Date.now() + 60_000;
  while (!abstractsFilled && Date.now() < fillDeadline) await new Promise((r) => setTimeout(r, 250));
  console.log(`after the background reads: browser RSS ${mb(browserRss(browser.userDataDir).total)}, ${mb(rssBefore)} when they began${abstractsFilled ? '' : ' (abstracts not all read within 60 s)'}`);
  await cdp.detach();
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`cold start (worker stopped → lookup-page answered), ${coldRuns} runs: median ${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} ms, all ${times.map((t) => Math.round(t)).join(', ')} ms`);
}

async function main(): Promise<void> {
  if (!existsSync(SAMPLE)) {
    console.log(`SKIPPED: arXiv sample not found at ${SAMPLE}; set PAPER_ATLAS_DATA to the folder holding arxiv-metadata-sample.jsonl.gz`);
    return;
  }
  let file = SAMPLE;
  if (count) {
    file = path.join(tmpdir(), `paper-atlas-recombined-${count}.jsonl`);
    if (!existsSync(file)) {
      const t = performance.now();
      await writeRecombined(SAMPLE, file, count);
      console.log(`generated ${count.toLocaleString('en-US')} lines (${mb(statSync(file).size)}) in ${((performance.now() - t) / 1000).toFixed(1)} s: ${file}`);
    }
  }

  const browser = await launchWithExtension();
  const t0 = performance.now();
  // The background's own account (prebuild used or dropped, build times).
  browser.context.on('console', (m) => {
    if (!m.text().startsWith('[Paper Atlas]')) return;
    console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s  background: ${m.text().slice(14)}`);
    if (m.text().includes('index snapshot stored')) snapshotsStored++;
    if (m.text().includes('all abstracts read')) abstractsFilled = true;
  });
  let peak = { total: 0, largest: 0 };
  const sampler = setInterval(() => {
    const now = browserRss(browser.userDataDir);
    peak = { total: Math.max(peak.total, now.total), largest: Math.max(peak.largest, now.largest) };
  }, 200);
  let useSampler: ReturnType<typeof setInterval> | undefined;
  try {
    const options = await openOptions(browser);
    const o = optionsPage(options);
    await o.dataset('embedded default').waitFor({ timeout: 60_000 });
    const before = browserRss(browser.userDataDir);
    const use = new BrowserUse(browser.userDataDir);
    use.start();
    useSampler = setInterval(() => use.sample(), 250);
    const machineBefore = machineCpu();
    const updates: string[] = [];
    const watch = setInterval(() => {
      void o.progressText.textContent({ timeout: 100 }).then((t) => t && updates.at(-1) !== t && updates.push(t), () => undefined);
    }, 250);
    const start = performance.now();
    await o.fileInput.setInputFiles(file);
    await o.summary.waitFor({ timeout: 3_600_000 });
    const committed = performance.now() - start;
    clearInterval(watch);
    const summary = (await o.summary.locator('.op-summary-title').textContent()) ?? '';
    const counts = await o.summary.locator('.op-counts li').allTextContents();
    console.log(`file: ${path.basename(file)} (${mb(statSync(file).size)})`);
    console.log(`committed in ${(committed / 1000).toFixed(1)} s — ${summary}`);
    console.log(`  ${counts.join(' · ')}`);
    console.log(`  ${updates.length} distinct progress texts, e.g. ${updates.slice(1, 4).map((u) => `"${u}"`).join(', ')}`);
    try {
      await o.summary.locator('[data-count=merged]', { hasText: 'merged with papers already' }).waitFor({ timeout: 600_000 });
      console.log(`background index ready ${((performance.now() - start) / 1000).toFixed(1)} s after the file was picked`);
      console.log(`CPU until then: ${use.report()}`);
      const machine = machineCpu();
      const user = machine.user - machineBefore.user;
      const kernel = machine.kernel - machineBefore.kernel;
      console.log(`the whole machine meanwhile: ${user.toFixed(1)} s user, ${kernel.toFixed(1)} s kernel (${Math.round((100 * kernel) / Math.max(0.01, user + kernel))}% kernel)`);
    } catch {
      console.log('background index not ready within 10 minutes');
    }
    console.log(`browser RSS: ${mb(before.total)} before the import, peak ${mb(peak.total)} (largest single process ${mb(peak.largest)})`);
    await coldStarts(browser, options, first100()[40] as SampleRecord);
  } finally {
    clearInterval(sampler);
    clearInterval(useSampler);
    await browser.close();
    if (count && !args.includes('--keep')) rmSync(file, { force: true });
  }
}

await main();
