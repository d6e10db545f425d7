/**
 * Imports the arXiv sample (74,728 papers) through the options page of the
 * built extension in real Chromium, and reports the time to commit, the time
 * until the background's index is rebuilt, the progress updates seen, and the
 * peak memory of the browser's processes. `--count N` imports N papers made by
 * recombining the sample's lines (fresh ids) instead, e.g. 1000000.
 *
 *   npx wxt build && npx tsx bench/import-browser.ts [--count 1000000] [--keep]
 *
 * The sample comes from $PAPER_ATLAS_DATA (default ../shared/data/) and is
 * never copied into the repository; generated files go to the temp folder.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchWithExtension } from '../tests/e2e/support/browser.ts';
import { REPO_ROOT } from '../tests/e2e/support/constants.ts';
import { openOptions, optionsPage, writeRecombined } from '../tests/e2e/support/options.ts';

const DATA_DIR = path.resolve(REPO_ROOT, process.env.PAPER_ATLAS_DATA ?? '../shared/data/');
const SAMPLE = path.join(DATA_DIR, 'arxiv-metadata-sample.jsonl.gz');
const args = process.argv.slice(2);
const countArg = args.indexOf('--count');
const count = countArg >= 0 ? Number(args[countArg + 1]) : undefined;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

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
    if (m.text().startsWith('[Paper Atlas]')) console.log(`  ${((performance.now() - t0) / 1000).toFixed(1)} s  background: ${m.text().slice(14)}`);
  });
  let peak = { total: 0, largest: 0 };
  const sampler = setInterval(() => {
    const now = browserRss(browser.userDataDir);
    peak = { total: Math.max(peak.total, now.total), largest: Math.max(peak.largest, now.largest) };
  }, 200);
  try {
    const options = await openOptions(browser);
    const o = optionsPage(options);
    await o.dataset('embedded default').waitFor({ timeout: 60_000 });
    const before = browserRss(browser.userDataDir);
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
    } catch {
      console.log('background index not ready within 10 minutes');
    }
    console.log(`browser RSS: ${mb(before.total)} before the import, peak ${mb(peak.total)} (largest single process ${mb(peak.largest)})`);
  } finally {
    clearInterval(sampler);
    await browser.close();
    if (count && !args.includes('--keep')) rmSync(file, { force: true });
  }
}

await main();
