/**
 * The index benchmark: `node --expose-gc --import tsx bench/run.ts [--scale 75k|1m]`
 * (default: both; env PAPER_ATLAS_BENCH_SCALE works too). Data: PAPER_ATLAS_DATA
 * (default ../shared/data/); skips with a message when absent. The 1M part runs
 * in a child process with a larger heap. About 4 min for 75k (MiniSearch and
 * FlexSearch dominate) + 3-5 min for 1M on 2 cores. The LAST line is one JSON
 * object with every figure.
 */
import { spawnSync } from 'node:child_process';
import type { Author, Paper } from '../src/dataset/schema';
import { PaperIndex } from '../src/index/paper-index';
import { measureColdStart } from './cold-start';
import { loadSample, samplePath, scaleCorpus } from './data';
import { evalMatch } from './eval-match';
import { matchLatency } from './match-latency';
import { agreement, flexsearch, memMB, minisearch, ours, pct, QUERIES, runQueries, time } from './measure';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** Everything about our engine on one corpus. */
function measureOurs(papers: Paper[], authors: Author[]) {
  const e = ours(papers, authors);
  const { index } = e;
  const stored = index.toJSON();
  const storedMB = (stored.vocab.length + stored.offsets.byteLength + stored.posts.byteLength +
    stored.idf.byteLength + stored.norms.byteLength) / 2 ** 20;
  const q = runQueries(e);
  const match = matchLatency(index, papers);
  const sample = papers.filter((p) => p.arxivId).filter((_, i) => i % 37 === 0).slice(0, 1000);
  const relQ = (p: Paper) => ({ title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id });
  const relSample = sample.slice(0, 300);
  const [, firstRelatedMs] = time(() => index.related(relQ(relSample[0] as Paper), 8));
  const rel = relSample.map((p) => time(() => index.related(relQ(p), 8))[1]);
  const heapAfterQueriesMB = memMB();
  // Cold start in memory: wrap a structured clone of the service's snapshot
  // (what IndexedDB hands back; abstracts apart, see paper-columns.ts) + first
  // answers. bench/cold-start.ts times the same through the real service.
  const clone = structuredClone(index.snapshot().data);
  const [cold, coldMs] = time(() => {
    const loaded = PaperIndex.fromSnapshot(clone);
    loaded.search('graph neural', 10);
    const p = sample[0] as Paper;
    loaded.match({ arxivId: p.arxivId ?? '', title: p.title, authors: p.authors, abstract: '' });
    return loaded;
  });
  const [, coldRelatedMs] = time(() => cold.related(relQ(sample[1] as Paper), 8));
  const [, coldCoauthorsMs] = time(() => cold.coauthorsOf((sample[1] as Paper).authors, 8));
  return {
    engine: e,
    tops: q.tops,
    figures: {
      papers: papers.length, buildMs: round(e.buildMs, 0), heapMB: round(e.heapMB, 1), heapAfterQueriesMB: round(heapAfterQueriesMB, 1),
      storedMB: round(storedMB, 1), coldStartMs: round(coldMs, 1), coldFirstRelatedMs: round(coldRelatedMs, 1),
      coldFirstCoauthorsMs: round(coldCoauthorsMs, 1), ...match,
      relatedFirstMs: round(firstRelatedMs, 1), relatedP50Ms: round(pct(rel, 50)), relatedP95Ms: round(pct(rel, 95)),
      searchP50Ms: round(q.p50), searchP95Ms: round(q.p95), queries: QUERIES.length,
    },
  };
}

/** How often the top 5 related share the query's primary category, vs random papers. */
function relatedQuality(index: PaperIndex, papers: Paper[]) {
  let same = 0;
  let n = 0;
  const freq = new Map<string, number>();
  for (const p of papers) freq.set(p.categories[0] ?? '', (freq.get(p.categories[0] ?? '') ?? 0) + 1);
  let baseline = 0;
  for (let i = 0; i < papers.length; i += 149) {
    const p = papers[i] as Paper;
    // Text only: no authors, so shared-author boosts don't decide it.
    for (const r of index.related({ title: p.title, abstract: p.abstract, authors: [], categories: [], excludeId: p.id }, 5)) {
      n++;
      if (r.paper.categories[0] === p.categories[0]) same++;
      baseline += ((freq.get(p.categories[0] ?? '') ?? 1) - 1) / (papers.length - 1);
    }
  }
  return { top5SamePrimary: round(same / Math.max(1, n)), randomBaseline: round(baseline / Math.max(1, n)), pairs: n };
}

async function child1m(): Promise<void> {
  const { path } = samplePath();
  const { papers: real, authors } = await loadSample(path ?? '');
  const [papers, genMs] = time(() => scaleCorpus(real, 1_000_000));
  const r = measureOurs(papers, authors);
  console.log(JSON.stringify({ ...r.figures, generateMs: round(genMs, 0) }));
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) return child1m();
  const scale = (arg('--scale') ?? process.env.PAPER_ATLAS_BENCH_SCALE ?? 'all').toLowerCase();
  const { path, why } = samplePath();
  if (!path) {
    console.log(`bench skipped: ${why}`);
    console.log(JSON.stringify({ skipped: why }));
    return;
  }
  const t0 = performance.now();
  const { papers, authors, problems } = await loadSample(path);
  console.log(`loaded ${papers.length} papers (${problems} import problems) in ${round((performance.now() - t0) / 1000, 1)} s`);
  const out: Record<string, unknown> = {};
  const o = measureOurs(papers, authors);
  out.ours75k = o.figures;
  console.log('ours @75k', o.figures);
  out.coldStartService75k = await measureColdStart({ format: 'paper-atlas', version: 1, id: 'bench', name: 'bench', createdAt: '2026-01-01T00:00:00.000Z', papers, authors });
  console.log('cold start through the service @75k', out.coldStartService75k);
  out.relatedQuality = relatedQuality(o.engine.index, papers);
  console.log('related quality', out.relatedQuality);
  const [m, evalMs] = time(() => evalMatch(papers));
  out.matchEval = { ...m, evalMs: round(evalMs, 0) };
  console.log('match eval', JSON.stringify(out.matchEval));
  for (const make of [minisearch, flexsearch]) {
    const e = make(papers);
    const q = runQueries(e);
    const agree = agreement(o.tops, q.tops);
    const fig = { buildMs: round(e.buildMs, 0), heapMB: round(e.heapMB, 1), searchP50Ms: round(q.p50), searchP95Ms: round(q.p95), top10AgreementAll: round(agree.all), top10AgreementFull: round(agree.full) };
    const ratios = {
      searchP95Speedup: round(q.p95 / Math.max(1e-9, o.figures.searchP95Ms), 1),
      searchP50Speedup: round(q.p50 / Math.max(1e-9, o.figures.searchP50Ms), 1),
      buildSpeedup: round(e.buildMs / Math.max(1, o.figures.buildMs), 1),
      heapRatio: round(e.heapMB / Math.max(1e-9, o.figures.heapMB), 1),
    };
    out[e.name] = { ...fig, ...ratios };
    console.log(e.name, out[e.name]);
  }
  if (scale !== '75k') {
    const t1 = performance.now();
    const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=16000', '--import', 'tsx', process.argv[1] ?? 'bench/run.ts', '--child'], {
      encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const last = r.stdout.trim().split('\n').pop() ?? '{}';
    out.ours1m = r.status === 0 ? (JSON.parse(last) as unknown) : { error: `exit ${r.status}` };
    console.log('ours @1M', out.ours1m, `(${round((performance.now() - t1) / 1000, 0)} s)`);
  }
  out.totalS = round((performance.now() - t0) / 1000, 0);
  console.log(JSON.stringify(out));
}

await main();
