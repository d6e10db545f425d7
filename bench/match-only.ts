/**
 * Just the match part of the benchmark, for tuning the matcher without the
 * 4-minute full run: `node --import tsx bench/match-only.ts` prints the match
 * latencies (id path, title path) on the 75k sample and the evalMatch JSON
 * (`--latency-only`: skip the eval, ~1 min less).
 */
import { PaperIndex } from '../src/index/paper-index';
import { loadSample, samplePath } from './data';
import { evalMatch } from './eval-match';
import { time } from './measure';
import { matchLatency } from './match-latency';

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const { path, why } = samplePath();
  if (!path) {
    console.log(`skipped: ${why}`);
    return;
  }
  const { papers, authors } = await loadSample(path);
  const index = PaperIndex.build({ papers, authors });
  console.log('match latency', JSON.stringify(matchLatency(index, papers)));
  if (process.argv.includes('--latency-only')) return;
  const [m, evalMs] = time(() => evalMatch(papers));
  console.log(JSON.stringify({ matchEval: { ...m, evalMs: round(evalMs, 0) } }));
}

void main();
