/** Timing and memory helpers, and the engines the bench compares. */
import FlexSearch from 'flexsearch';
import MiniSearch from 'minisearch';
import type { Author, Paper } from '../src/dataset/schema';
import { PaperIndex } from '../src/index/paper-index';
import { STOPWORDS, tokenize } from '../src/index/tokenize';

/** Queries as typed, character by character: "g", "gr", "gra", ... */
export const TYPED = [
  'graph neural networks', 'large language models', 'diffusion models for image editing',
  'reinforcement learning from human feedback', 'quantum error correction', 'federated learning privacy',
  'vision transformer', 'retrieval augmented generation', 'gaussian splatting', 'speech recognition',
  'protein structure prediction', 'contrastive learning', 'mixture of experts', 'yann lecun',
];
export const QUERIES = TYPED.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1))).filter(
  (q) => !q.endsWith(' '),
);
export const FULL_QUERIES = new Set(TYPED);

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
export function memMB(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
}

export const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

export function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, performance.now() - t0];
}

export interface Engine {
  name: string;
  buildMs: number;
  heapMB: number;
  search: (q: string) => number[];
}

export function ours(papers: readonly Paper[], authors: readonly Author[]): Engine & { index: PaperIndex } {
  const before = memMB();
  const [index, buildMs] = time(() => PaperIndex.build({ papers: papers as Paper[], authors: authors as Author[] }));
  const heapMB = memMB() - before;
  const ordOf = new Map(papers.map((p, i) => [p, i]));
  return { name: 'ours', index, buildMs, heapMB, search: (q) => index.search(q, 10).map((h) => ordOf.get(h.paper) ?? -1) };
}

export function minisearch(papers: readonly Paper[]): Engine {
  const before = memMB();
  const [ms, buildMs] = time(() => {
    const m = new MiniSearch<{ ord: number; title: string; authors: string; abstract: string }>({
      idField: 'ord',
      fields: ['title', 'authors', 'abstract'],
      tokenize: (s) => tokenize(s),
      processTerm: (t) => (STOPWORDS.has(t) ? null : t),
      searchOptions: { boost: { title: 3, authors: 2 }, combineWith: 'AND', prefix: (_t, i, all) => i === all.length - 1 },
    });
    m.addAll(papers.map((p, ord) => ({ ord, title: p.title, authors: p.authors.join(', '), abstract: p.abstract })));
    return m;
  });
  const heapMB = memMB() - before;
  return { name: 'minisearch', buildMs, heapMB, search: (q) => ms.search(q).slice(0, 10).map((r) => r.id as number) };
}

export function flexsearch(papers: readonly Paper[]): Engine {
  const before = memMB();
  const [fx, buildMs] = time(() => {
    const d = new FlexSearch.Document({
      document: { id: 'ord', index: ['title', 'authors', 'abstract'] },
      tokenize: 'forward',
    });
    papers.forEach((p, ord) => d.add({ ord, title: p.title, authors: p.authors.join(', '), abstract: p.abstract }));
    return d;
  });
  const heapMB = memMB() - before;
  // Fields in weight order (title, authors, abstract), deduplicated.
  const search = (q: string): number[] => {
    const out: number[] = [];
    const res = fx.search(q, { limit: 10 }) as unknown as { field: string; result: number[] }[];
    for (const field of ['title', 'authors', 'abstract'])
      for (const id of res.find((r) => r.field === field)?.result ?? []) if (!out.includes(id)) out.push(id);
    return out.slice(0, 10);
  };
  return { name: 'flexsearch', buildMs, heapMB, search };
}

/** p50/p95 latency (ms) over QUERIES, and the top 10 of each query. */
export function runQueries(e: Engine, queries = QUERIES): { p50: number; p95: number; tops: number[][] } {
  for (const q of queries.slice(0, 20)) e.search(q); // warm-up
  const lat: number[] = [];
  const tops: number[][] = [];
  for (const q of queries) {
    const [top, ms] = time(() => e.search(q));
    lat.push(ms);
    tops.push(top);
  }
  return { p50: pct(lat, 50), p95: pct(lat, 95), tops };
}

/** Mean overlap of two engines' top 10 (over queries both answer), for all keystrokes and full queries. */
export function agreement(a: number[][], b: number[][], queries = QUERIES): { all: number; full: number } {
  let sAll = 0;
  let nAll = 0;
  let sFull = 0;
  let nFull = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? [];
    if (x.length === 0 || y.length === 0) return;
    const set = new Set(y);
    const o = x.filter((id) => set.has(id)).length / Math.min(x.length, y.length);
    sAll += o;
    nAll++;
    if (FULL_QUERIES.has(queries[i] ?? '')) {
      sFull += o;
      nFull++;
    }
  });
  return { all: nAll ? sAll / nAll : 0, full: nFull ? sFull / nFull : 0 };
}
