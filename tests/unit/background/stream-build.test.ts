import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { combineDatasets } from '@/src/background/combine';
import { makeSnapshot } from '@/src/background/snapshot';
import { StreamBuild } from '@/src/background/stream-build';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import type { Author, Dataset, Paper } from '@/src/dataset/schema';
import { arxivRecordToPaper } from '@/src/import/arxiv-jsonl';
import { ABSTRACT_CHUNK, AbstractChunks } from '@/src/index/abstract-chunks';
import { PaperIndex } from '@/src/index/paper-index';

const seed = datasetFromProfile(readFileSync('assets/seed/samuel-l-smith.txt', 'utf8'), { id: 'seed', name: 'Seed', createdAt: '1970-01-01T00:00:00.000Z' });

function jsonl(file: string): { papers: Paper[]; authors: Author[] } {
  const papers: Paper[] = [];
  const authors = new Map<string, Author>();
  readFileSync(`tests/fixtures/metadata/${file}`, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const r = arxivRecordToPaper(JSON.parse(line) as unknown, i + 1);
    if ('problem' in r) return;
    papers.push(r.paper);
    for (const a of r.authors) authors.set(a.id, a);
  });
  return { papers, authors: [...authors.values()] };
}

const dataset = (id: string, d: { papers: Paper[]; authors: Author[] }): Dataset => ({ format: 'paper-atlas', version: 1, id, name: id, createdAt: '2026-01-01T00:00:00.000Z', ...d });

/** The old way (every dataset in memory, merged, built) and the streamed way must give the same snapshot. */
function both(datasets: Dataset[], chunkSize: number, prepare = false) {
  const merged = combineDatasets(datasets);
  const built = PaperIndex.build({ papers: merged.papers, authors: merged.authors });
  const old = makeSnapshot(built, 'k', merged.mergedInto, { papers: merged.papers.length, authors: merged.authors.length });

  const stored: string[][] = [];
  const stream = new StreamBuild((no, abstracts) => (stored[no] = [...abstracts]));
  const chunks = new Map<string, Paper[]>();
  for (const d of datasets) {
    stream.beginDataset(d.id);
    // Authors arrive with each chunk too (an import's batches).
    for (let i = 0; i < d.authors.length; i += 5) stream.addAuthors(d.authors.slice(i, i + 5));
    for (let i = 0; i * chunkSize < d.papers.length; i++) {
      const key = `${d.id}/${i}`;
      const chunk = d.papers.slice(i * chunkSize, (i + 1) * chunkSize);
      chunks.set(key, chunk);
      stream.addChunk(key, chunk);
      // As the prebuild does while it waits for the next batch (the merges then replace papers in batches already made).
      if (prepare) stream.prepareFinish();
    }
  }
  const records = new Map(stream.mergeTargets().map(({ ord, ref }) => [ord, chunks.get(ref.key as string)?.[ref.position] as Paper]));
  const merges = records.size;
  for (const [ord, abstract] of stream.applyMerges(records)) (stored[Math.floor(ord / ABSTRACT_CHUNK)] as string[])[ord % ABSTRACT_CHUNK] = abstract;
  return { old, record: stream.finish('k'), stored, merges };
}

describe('StreamBuild', () => {
  const first100 = jsonl('first-100.jsonl');

  it('gives the snapshot that merging every dataset in memory and building gives', () => {
    const { old, record, stored } = both([seed, dataset('sample', first100)], 7);
    expect(record).toEqual(old.record);
    expect(both([seed, dataset('sample', first100)], 7, true).record).toEqual(old.record);
    expect(stored).toEqual(old.abstracts.all());
  });

  it('merges later datasets into earlier papers as combine.ts does, across chunks, abstracts filled after their chunk was stored', () => {
    // Later sources of the same papers: by arXiv id (new authors, no abstract),
    // by title + a shared author (the seed's papers, as arXiv lists them), and
    // a first dataset whose abstracts are empty, filled by the later one.
    const again = first100.papers.slice(10, 60).map((p, i) => ({ ...p, id: `again:${i}`, abstract: '', authors: [...p.authors, 'Extra Author'], categories: ['cs.XX', ...p.categories], sources: ['again'] }));
    const bare = first100.papers.slice(60, 100).map((p) => ({ ...p, abstract: '' }));
    const datasets = [
      seed,
      dataset('bare', { papers: bare, authors: [] }),
      dataset('seed-match', jsonl('seed-match.jsonl')),
      dataset('sample', first100),
      dataset('again', { papers: again, authors: [{ id: 'extra author', name: 'Extra Author' }] }),
      dataset('same-title', jsonl('same-title.jsonl')),
    ];
    const { old, record, stored, merges } = both(datasets, 9);
    expect(merges).toBeGreaterThan(40);
    expect(Object.fromEntries(record.mergedInto)).toMatchObject({ 'seed-match': 2, sample: 40, again: 50 });
    expect(record).toEqual(old.record);
    expect(both(datasets, 9, true).record).toEqual(old.record);
    expect(stored).toEqual(old.abstracts.all());
    // And the answers: a paper stored first without its abstract has it, and is found by its words.
    const chunks = new AbstractChunks();
    stored.forEach((c, no) => chunks.add(no, c));
    const index = PaperIndex.fromSnapshot(record.index, chunks);
    const filled = first100.papers[60] as Paper;
    expect(index.byArxivId(filled.arxivId ?? '')?.abstract).toBe(filled.abstract);
    expect(index.related({ title: '', abstract: filled.abstract, authors: [], categories: [] }, 1)[0]?.paper.id).toBe(filled.id);
  });
});
