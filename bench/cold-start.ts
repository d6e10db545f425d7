/**
 * Cold start through the real service: `node --expose-gc --import tsx bench/cold-start.ts
 * [--papers N]` (N > 74,728 recombines a bigger corpus with scaleCorpus; give
 * node a bigger heap then). The sample is stored as one dataset in
 * fake-indexeddb (in this process), a first AtlasService builds and persists
 * the index, then a NEW service (a woken worker) answers its first
 * lookup-page and its first search. Timed from `new AtlasService` to each
 * answer; heap is measured after, minus the heap before the new service (the
 * fake database's own copy of the data lives in this process too).
 * Also run by bench/run.ts. The LAST line is one JSON object.
 */
import 'fake-indexeddb/auto';
import type { PageInfo } from '../src/arxiv/page-info';
import { AtlasService } from '../src/background/atlas-service';
import type { Dataset, Paper } from '../src/dataset/schema';
import { openStore } from '../src/storage/db';
import { loadSample, samplePath, scaleCorpus } from './data';
import { memMB } from './measure';

const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;

export interface ColdStartFigures {
  papers: number;
  firstBuildMs: number;
  coldLookupMs: number;
  coldSearchMs: number;
  coldHeapMB: number;
  /** From the first answer to every posting chunk read in the background (NaN: not within 60 s). */
  postingsFilledMs: number;
  warmLookupMs: number;
  /** Of coldLookupMs: reading the snapshot record, and the abstract chunks the answer needed. */
  snapshotReadMs: number;
  abstractsReadMs: number;
}

/** openStore, timing the woken service's two kinds of snapshot reads. */
function timedStore(spent: { snapshot: number; abstracts: number }) {
  return async () => {
    const store = await openStore();
    const { indexSnapshot, abstractChunks } = store;
    store.indexSnapshot = async () => {
      const t = performance.now();
      const r = await indexSnapshot.call(store);
      spent.snapshot += performance.now() - t;
      return r;
    };
    store.abstractChunks = async (...args) => {
      const t = performance.now();
      const r = await abstractChunks.apply(store, args);
      spent.abstracts += performance.now() - t;
      return r;
    };
    return store;
  };
}

/**
 * Stores `dataset` as the only one (fake-indexeddb) and marks the store
 * seeded; returns the defaultDataset a service over it must never call.
 */
export async function seedBenchStore(dataset: Dataset): Promise<() => Dataset> {
  const store = await openStore();
  await store.putDataset(dataset, 'bench');
  await store.markSeeded();
  store.close();
  return () => {
    throw new Error('bench: the store is seeded already');
  };
}

export async function measureColdStart(dataset: Dataset): Promise<ColdStartFigures> {
  const never = await seedBenchStore(dataset);
  const ids = dataset.papers.filter((p) => p.arxivId);
  const withArxiv = ids[Math.floor(ids.length / 2)] as Paper; // generated papers (past 75k) have no id
  const page: PageInfo = { arxivId: withArxiv.arxivId ?? '', title: withArxiv.title, authors: withArxiv.authors, abstract: withArxiv.abstract };

  let t0 = performance.now();
  // Builds and persists the index; then dropped, as a killed worker's memory is.
  const first = new AtlasService({ openStore, defaultDataset: never });
  await first.handle({ type: 'summary' });
  const firstBuildMs = performance.now() - t0;
  await first.stored; // a worker stopped before its snapshot is stored builds again when woken

  const heapBefore = memMB();
  t0 = performance.now();
  const spent = { snapshot: 0, abstracts: 0 };
  // The rest of the postings are read in the background after the first answer (atlas-service.ts).
  let filled: (ms: number) => void = () => undefined;
  const postingsFilled = new Promise<number>((resolve) => (filled = resolve));
  const log = (m: string) => {
    const ms = /^all postings read (\d+) ms/.exec(m)?.[1];
    if (ms !== undefined) filled(Number(ms));
  };
  const woken = new AtlasService({ openStore: timedStore(spent), defaultDataset: never, log });
  const lookup = await woken.handle({ type: 'lookup-page', page });
  const coldLookupMs = performance.now() - t0;
  const [snapshotReadMs, abstractsReadMs] = [spent.snapshot, spent.abstracts];
  if (lookup.type !== 'lookup-page' || lookup.match?.paper.id !== withArxiv.id) throw new Error('bench: the cold lookup did not match');
  t0 = performance.now();
  const search = await woken.handle({ type: 'search', query: 'graph neural', limit: 20 });
  const coldSearchMs = performance.now() - t0;
  if (search.type !== 'search' || search.hits.length === 0) throw new Error('bench: the cold search found nothing');
  t0 = performance.now();
  await woken.handle({ type: 'lookup-page', page });
  const warmLookupMs = performance.now() - t0;
  const postingsFilledMs = await Promise.race([postingsFilled, new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 60_000))]);
  const coldHeapMB = memMB() - heapBefore;
  return {
    postingsFilledMs,
    papers: dataset.papers.length, firstBuildMs: round(firstBuildMs, 0), coldLookupMs: round(coldLookupMs), coldSearchMs: round(coldSearchMs),
    coldHeapMB: round(coldHeapMB), warmLookupMs: round(warmLookupMs), snapshotReadMs: round(snapshotReadMs), abstractsReadMs: round(abstractsReadMs),
  };
}

async function main(): Promise<void> {
  const { path, why } = samplePath();
  if (!path) {
    console.log(JSON.stringify({ skipped: why }));
    return;
  }
  const i = process.argv.indexOf('--papers');
  const n = i >= 0 ? Number(process.argv[i + 1]) : 0;
  const sample = await loadSample(path);
  const papers = n > sample.papers.length ? scaleCorpus(sample.papers, n) : sample.papers;
  const dataset: Dataset = { format: 'paper-atlas', version: 1, id: 'bench', name: 'bench', createdAt: '2026-01-01T00:00:00.000Z', papers, authors: sample.authors };
  console.log(JSON.stringify(await measureColdStart(dataset)));
}

if (process.argv[1]?.endsWith('cold-start.ts')) await main();
