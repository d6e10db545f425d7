/**
 * What one learned page costs, through the real service:
 * `node --import tsx bench/learn.ts`. The 74,728-paper sample is stored as one
 * dataset in fake-indexeddb, with ten papers made to look like profile
 * records (no arXiv id, the author list cut to "et al."). A service that has
 * loaded its index answers each paper's page, then is timed from the answer
 * until its learning is applied and until the next lookup-id answers with
 * the learned record; then a NEW service (a woken worker) answers a learned
 * id (LEARN_PAGES=n for fewer pages). The LAST line is one JSON object (milliseconds, medians over the ten).
 */
import 'fake-indexeddb/auto';
import type { PageInfo } from '../src/arxiv/page-info';
import { AtlasService } from '../src/background/atlas-service';
import type { Dataset, Paper } from '../src/dataset/schema';
import { openStore } from '../src/storage/db';
import { seedBenchStore } from './cold-start';
import { loadSample, samplePath } from './data';

const PAGES = Number(process.env.LEARN_PAGES ?? 10);
const median = (xs: number[]): number => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0);

async function main(): Promise<void> {
  const { path, why } = samplePath();
  if (!path) {
    console.log(JSON.stringify({ skipped: why }));
    return;
  }
  const sample = await loadSample(path);
  const step = Math.floor(sample.papers.length / PAGES);
  const pages: PageInfo[] = [];
  const papers = sample.papers.map((p, i): Paper => {
    if (i % step !== 0 || pages.length >= PAGES || !p.arxivId || p.authors.length < 4) return p;
    pages.push({ arxivId: p.arxivId, title: p.title, authors: p.authors, abstract: p.abstract });
    const { arxivId: _dropped, ...rest } = p;
    return { ...rest, authors: p.authors.slice(0, 3), authorsTruncated: true };
  });
  const dataset: Dataset = { format: 'paper-atlas', version: 1, id: 'bench', name: 'bench', createdAt: '2026-01-01T00:00:00.000Z', papers, authors: sample.authors };
  const never = await seedBenchStore(dataset);

  const s = new AtlasService({ openStore, defaultDataset: never, learnEnabled: async () => true });
  await s.handle({ type: 'summary' }); // builds and persists the index
  const applied: number[] = [];
  const answered: number[] = [];
  for (const page of pages) {
    const r = await s.handle({ type: 'lookup-page', page });
    if (r.type !== 'lookup-page' || !r.match) throw new Error(`bench: ${page.arxivId} did not match`);
    const t0 = performance.now();
    await s.learning;
    applied.push(performance.now() - t0);
    const byId = await s.handle({ type: 'lookup-id', arxivId: page.arxivId });
    answered.push(performance.now() - t0);
    if (byId.type !== 'lookup-id' || byId.match?.paper.arxivId !== page.arxivId) throw new Error(`bench: ${page.arxivId} not learned`);
  }
  // A woken worker's first answer for a learned id (five wakes, median).
  const wakes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const woken = new AtlasService({ openStore, defaultDataset: never });
    const cold = await woken.handle({ type: 'lookup-id', arxivId: pages[i % pages.length]?.arxivId ?? '' });
    wakes.push(performance.now() - t0);
    if (cold.type !== 'lookup-id' || !cold.match) throw new Error('bench: the woken service lost what was learned');
  }
  const restartLookupMs = median(wakes);
  console.log(JSON.stringify({ papers: papers.length, pages: pages.length, learnAppliedMs: median(applied), learnedLookupMs: median(answered), maxLearnedLookupMs: Math.round(Math.max(...answered)), restartLookupMs }));
}

await main();
