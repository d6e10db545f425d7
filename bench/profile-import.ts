/**
 * CPU profile of the options page while it imports a file (default: the
 * arXiv sample), grouped by function: where an import's time goes.
 *   npx wxt build && npx tsx bench/profile-import.ts [file]
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { launchWithExtension } from '../tests/e2e/support/browser.ts';
import { REPO_ROOT } from '../tests/e2e/support/constants.ts';
import { openOptions, optionsPage } from '../tests/e2e/support/options.ts';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const file = process.argv[2] ?? path.resolve(REPO_ROOT, process.env.PAPER_ATLAS_DATA ?? '../shared/data/', 'arxiv-metadata-sample.jsonl.gz');
if (!existsSync(file)) {
  console.log(`SKIPPED: ${file} not found`);
} else {
  const browser = await launchWithExtension();
  try {
    const options = await openOptions(browser);
    const o = optionsPage(options);
    await o.dataset('embedded default').waitFor({ timeout: 60_000 });
    const cdp = await browser.context.newCDPSession(options);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const t = performance.now();
    await o.fileInput.setInputFiles(file);
    await o.summary.waitFor({ timeout: 600_000 });
    const ms = performance.now() - t;
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const self = new Map<string, number>();
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const f = byId.get(id)?.callFrame;
      // Line and column (0-based) find a function of a minified build: `npx tsx bench/profile-import.ts` then look there.
      const key = `${f?.functionName || '(anonymous)'} ${f?.url.split('/').pop()}:${f?.lineNumber}:${f?.columnNumber}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(`import committed in ${(ms / 1000).toFixed(1)} s; options page self time by function:`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(0).padStart(8)} ms  ${k}`);
  } finally {
    await browser.close();
  }
}
