import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ImportProblem } from '../../../src/dataset/profile-importer';
import type { Paper } from '../../../src/dataset/schema';
import { importArxivJsonl } from '../../../src/import/arxiv-jsonl';
import { openImport } from '../../../src/import/index';
import { mergePapers } from '../../../src/import/merge';

/**
 * Streams the whole shared sample (74,728 real records) through the importer.
 * The sample lives outside the repository; without it this test is skipped.
 * Time and heap are printed, not asserted: they depend on the machine.
 */
const ROOT = resolve(__dirname, '../../..');
const DATA_DIR = resolve(ROOT, process.env.PAPER_ATLAS_DATA ?? '../shared/data/');
const SAMPLE = resolve(DATA_DIR, 'arxiv-metadata-sample.jsonl.gz');
const SAMPLE_RECORDS = 74_728;
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;

describe('the full arXiv metadata sample', () => {
  it('imports every record, streaming, in batches', { timeout: 300_000 }, async (ctx) => {
    if (!existsSync(SAMPLE)) {
      const why = `SKIPPED: arXiv sample not found at ${SAMPLE}; set PAPER_ATLAS_DATA to the folder holding arxiv-metadata-sample.jsonl.gz`;
      console.warn(why); // the reporter does not always print skip notes
      ctx.skip(why);
      return;
    }
    const size = statSync(SAMPLE).size;
    const start = performance.now();
    let peakHeap = process.memoryUsage().heapUsed;
    const heapAtStart = peakHeap;
    const opened = await openImport(Readable.toWeb(createReadStream(SAMPLE)) as unknown as ReadableStream<Uint8Array>);
    expect(opened).toMatchObject({ format: 'jsonl-arxiv', gzipped: true });

    // Keep what a real caller keeps (all papers, for the dataset); authors are counted.
    const papers: Paper[] = [];
    const problems: ImportProblem[] = [];
    let authors = 0;
    let batches = 0;
    let lastBytes = 0;
    for await (const b of importArxivJsonl(opened.lines(), { bytesRead: opened.bytesRead })) {
      batches++;
      papers.push(...b.papers);
      problems.push(...b.problems);
      authors += b.authors.length;
      expect(b.bytesRead ?? 0).toBeGreaterThanOrEqual(lastBytes);
      lastBytes = b.bytesRead ?? 0;
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }
    const importMs = performance.now() - start;

    // Every line of the sample is a valid record (checked with a script when
    // the fixtures were cut), so any problem here is an importer bug.
    expect(problems).toEqual([]);
    expect(papers).toHaveLength(SAMPLE_RECORDS - problems.length);
    expect(lastBytes).toBe(size);
    expect(new Set(papers.map((p) => p.id)).size).toBe(papers.length);

    // 75k into nothing, then 75k into the same 75k: linear with Maps.
    let t = performance.now();
    const once = mergePapers([], papers);
    const mergeIntoEmptyMs = performance.now() - t;
    t = performance.now();
    const twice = mergePapers(once.papers, papers);
    const mergeIntoSelfMs = performance.now() - t;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    expect(twice).toMatchObject({ added: 0, merged: papers.length });
    expect(twice.papers).toHaveLength(once.papers.length);

    const withCode = papers.filter((p) => p.hasCode).length;
    console.log(
      [
        `full sample: ${papers.length} papers, ${problems.length} problems, ${authors} distinct authors, ${withCode} with code links`,
        `  ${batches} batches, ${mb(size)} gzip read in ${(importMs / 1000).toFixed(1)} s`,
        `  peak heap ${mb(peakHeap)} (at start ${mb(heapAtStart)}; sampled after each batch, includes all papers kept)`,
        `  mergePapers: into [] ${once.added} added / ${once.merged} merged in ${mergeIntoEmptyMs.toFixed(0)} ms; into itself ${twice.merged} merged in ${mergeIntoSelfMs.toFixed(0)} ms`,
      ].join('\n'),
    );
  });
});
