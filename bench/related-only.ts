/**
 * Related papers at the sample's size: the lookup's costliest step after
 * matching. `node --import tsx bench/related-only.ts` (reads the sample;
 * see data.ts). Prints the median and p95 over sample papers.
 */
import { performance } from 'node:perf_hooks';
import { PaperIndex } from '../src/index/paper-index';
import { loadSample, samplePath } from './data';

const RUNS = Number(process.env.RUNS ?? 300);

const { path, why } = samplePath();
if (!path) throw new Error(why);
const data = await loadSample(path);
const index = PaperIndex.build({ papers: data.papers, authors: data.authors });
const step = Math.max(1, Math.floor(data.papers.length / RUNS));
const queries = data.papers.filter((_, i) => i % step === 0).slice(0, RUNS);
const one = (p: (typeof queries)[number]) =>
  index.related({ title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id }, 30);
for (const p of queries.slice(0, 20)) one(p); // warm-up (JIT, scratch arrays)
const ms: number[] = [];
for (const p of queries) {
  const t0 = performance.now();
  one(p);
  ms.push(performance.now() - t0);
}
ms.sort((a, b) => a - b);
const q = (f: number) => (ms[Math.min(ms.length - 1, Math.ceil(f * ms.length) - 1)] ?? NaN).toFixed(2);
console.log(`related (limit 30) over ${data.papers.length} papers, ${ms.length} queries: median ${q(0.5)} ms, p95 ${q(0.95)} ms, max ${q(1)} ms`);
