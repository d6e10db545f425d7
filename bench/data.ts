/**
 * Bench data: the real arXiv sample (PAPER_ATLAS_DATA, default ../shared/data/)
 * read through the project's importer, and a deterministic 1M-paper corpus
 * recombined from it. Never used by the extension itself.
 */
import { createReadStream, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Author, Paper } from '../src/dataset/schema';
import { arxivRecordToPaper } from '../src/import/arxiv-jsonl';
import { prng } from '../tests/support/prng';
export { prng } from '../tests/support/prng';

export const SAMPLE_FILE = 'arxiv-metadata-sample.jsonl.gz';

/** The sample's path, or undefined (with the reason) when it is absent. */
export function samplePath(): { path?: string; why?: string } {
  const dir = process.env.PAPER_ATLAS_DATA ?? resolve(process.cwd(), '../shared/data/');
  const path = resolve(dir, SAMPLE_FILE);
  return existsSync(path) ? { path } : { why: `${path} not found (set PAPER_ATLAS_DATA to the folder holding ${SAMPLE_FILE})` };
}

export async function loadSample(path: string): Promise<{ papers: Paper[]; authors: Author[]; problems: number }> {
  const papers: Paper[] = [];
  const authors = new Map<string, Author>();
  let problems = 0;
  let line = 0;
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    const r = arxivRecordToPaper(JSON.parse(text) as unknown, line);
    if ('problem' in r) {
      problems++;
      continue;
    }
    papers.push(r.paper);
    for (const a of r.authors) if (!authors.has(a.id)) authors.set(a.id, a);
  }
  return { papers, authors: [...authors.values()], problems };
}


/**
 * `n` papers: the real ones first, then recombinations (title = first half of
 * one title + second half of another, abstract = sentences of both, authors =
 * first authors of one + last of the other, dates/categories of the first).
 * Deterministic. Generated papers have no arXiv id.
 */
export function scaleCorpus(real: readonly Paper[], n: number): Paper[] {
  const rand = prng(12345);
  const out: Paper[] = real.slice(0, n);
  const pick = () => real[Math.floor(rand() * real.length)] as Paper;
  const sentences = (s: string) => s.split(/(?<=\.)\s+/);
  for (let i = out.length; i < n; i++) {
    const a = pick();
    const b = pick();
    const ta = a.title.split(' ');
    const tb = b.title.split(' ');
    const sa = sentences(a.abstract);
    const sb = sentences(b.abstract);
    const half = (xs: string[], first: boolean) => (first ? xs.slice(0, Math.ceil(xs.length / 2)) : xs.slice(Math.ceil(xs.length / 2)));
    out.push({
      id: `gen:${i}`,
      title: [...half(ta, true), ...half(tb, false)].join(' ') || a.title,
      authors: [...a.authors.slice(0, 2), ...b.authors.slice(-2)],
      authorsTruncated: false,
      affiliations: [],
      categories: a.categories,
      date: a.date,
      abstract: [...half(sa, true), ...half(sb, false)].join(' '),
      hasCode: a.hasCode,
      sources: ['bench:generated'],
    });
  }
  return out;
}
