/**
 * Just the match part of the benchmark, for tuning the matcher without the
 * 4-minute full run: `node --import tsx bench/match-only.ts` prints the match
 * latencies (id path, title path) on the 75k sample and the evalMatch JSON
 * (`--latency-only`: skip the eval, ~1 min less).
 */
import type { Paper } from '../src/dataset/schema';
import { PaperIndex } from '../src/index/paper-index';
import { loadSample, samplePath } from './data';
import { evalMatch } from './eval-match';
import { pct, time } from './measure';

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const { path, why } = samplePath();
  if (!path) {
    console.log(`skipped: ${why}`);
    return;
  }
  const { papers, authors } = await loadSample(path);
  const index = PaperIndex.build({ papers, authors });
  // Same sample and pages as bench/run.ts measureOurs.
  const sample = papers.filter((p) => p.arxivId).filter((_, i) => i % 37 === 0).slice(0, 1000);
  const lat = (f: (p: Paper) => unknown) => sample.map((p) => time(() => f(p))[1] * 1000);
  lat((p) => index.match({ arxivId: p.arxivId ?? '', title: p.title, authors: p.authors, abstract: '' })); // warm
  const matchId = lat((p) => index.match({ arxivId: p.arxivId ?? '', title: p.title, authors: p.authors, abstract: '' }));
  const matchTitle = lat((p) => index.match({ arxivId: '9901.00001', title: p.title, authors: p.authors, abstract: '' }));
  console.log('match latency', JSON.stringify({ matchIdP50Us: round(pct(matchId, 50), 2), matchTitleP50Us: round(pct(matchTitle, 50), 1), matchTitleP95Us: round(pct(matchTitle, 95), 1) }));
  if (process.argv.includes('--latency-only')) return;
  const [m, evalMs] = time(() => evalMatch(papers));
  console.log(JSON.stringify({ matchEval: { ...m, evalMs: round(evalMs, 0) } }));
}

void main();
