/**
 * CPU profile while the options page imports a file (default: the arXiv
 * sample), grouped by function: where an import's time goes. `--background`
 * profiles the extension's service worker instead (the prebuild's reading
 * back and indexing, then the finishing after the commit), until its index
 * is ready; the time after the commit (the last batches, the finishing) is
 * reported on its own.
 *   npx wxt build && npx tsx bench/profile-import.ts [--background] [file]
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';
import { launchWithExtension, type ExtensionBrowser } from '../tests/e2e/support/browser.ts';
import { REPO_ROOT } from '../tests/e2e/support/constants.ts';
import { openOptions, optionsPage } from '../tests/e2e/support/options.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const args = process.argv.slice(2);
const background = args.includes('--background');
const file = args.find((a) => !a.startsWith('--')) ?? path.resolve(REPO_ROOT, process.env.PAPER_ATLAS_DATA ?? '../shared/data/', 'arxiv-metadata-sample.jsonl.gz');

/** Profiler.start/stop for a page, or (through the browser's session) for the service worker. */
interface Profiler { start(): Promise<void>; stop(): Promise<Profile> }

async function pageProfiler(cdp: CDPSession): Promise<Profiler> {
  await cdp.send('Profiler.enable');
  return {
    start: async () => void (await cdp.send('Profiler.start')),
    stop: async () => ((await cdp.send('Profiler.stop')) as unknown as { profile: Profile }).profile,
  };
}

/** The worker is not a page: messages go through Target.sendMessageToTarget on the browser's session. */
async function workerProfiler(browser: ExtensionBrowser): Promise<Profiler> {
  const session = await browser.context.browser()?.newBrowserCDPSession();
  if (!session) throw new Error('no browser CDP session');
  const { targetInfos } = (await session.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
  if (!worker) throw new Error('the extension has no service worker running');
  const { sessionId } = await session.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let next = 1;
  const pending = new Map<number, (result: unknown) => void>();
  session.on('Target.receivedMessageFromTarget', (e: { sessionId?: string; message: string }) => {
    if (e.sessionId !== sessionId) return;
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      void session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  await send('Profiler.enable');
  // Workers idle a lot while they wait for IndexedDB: a finer interval than the default 1 ms is not needed.
  return {
    start: async () => void (await send('Profiler.start')),
    stop: async () => ((await send('Profiler.stop')) as { profile: Profile }).profile,
  };
}

function report(profile: Profile): void {
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)?.callFrame;
    // Line and column (0-based) find a function of a minified build: `npx tsx bench/profile-import.ts` then look there.
    const key = `${f?.functionName || '(anonymous)'} ${f?.url.split('/').pop()}:${f?.lineNumber}:${f?.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(0).padStart(8)} ms  ${k}`);
}

if (!existsSync(file)) {
  console.log(`SKIPPED: ${file} not found`);
} else {
  const browser = await launchWithExtension();
  try {
    const options = await openOptions(browser);
    const o = optionsPage(options);
    await o.dataset('embedded default').waitFor({ timeout: 60_000 });
    const profiler = background ? await workerProfiler(browser) : await pageProfiler(await browser.context.newCDPSession(options));
    await profiler.start();
    const t = performance.now();
    await o.fileInput.setInputFiles(file);
    await o.summary.waitFor({ timeout: 600_000 });
    const ms = performance.now() - t;
    const during = await profiler.stop();
    console.log(`import committed in ${(ms / 1000).toFixed(1)} s; ${background ? 'service worker' : 'options page'} self time by function until then:`);
    report(during);
    if (background) {
      // After the commit the worker indexes the last batches and finishes: a profile of its own.
      await profiler.start();
      await o.summary.locator('[data-count=merged]', { hasText: 'merged with papers already' }).waitFor({ timeout: 600_000 });
      const after = await profiler.stop();
      console.log(`index ready ${((performance.now() - t) / 1000).toFixed(1)} s after the file was picked; service worker self time after the commit:`);
      report(after);
    }
  } finally {
    await browser.close();
  }
}
