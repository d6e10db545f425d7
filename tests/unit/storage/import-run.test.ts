import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import { exportDataset } from '@/src/import/native-json';
import { openStore } from '@/src/storage/db';
import { runImport, type ImportProgress } from '@/src/storage/import-run';

/** Real inputs: a slice of the arXiv sample (gzip), the seed profile, a native export. */
const FIRST_100_GZ = readFileSync('tests/fixtures/metadata/first-100.jsonl.gz');
const FIRST_100 = readFileSync('tests/fixtures/metadata/first-100.jsonl', 'utf8');
const SEED_TEXT = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
const seed = () => datasetFromProfile(SEED_TEXT, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });
const stream = (data: string | Uint8Array) => new Blob([typeof data === 'string' ? data : new Uint8Array(data)]).stream();
const noLock = <T>(_name: string, fn: () => Promise<T>) => fn();

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function withDefault() {
  const store = await openStore();
  await store.putDataset(seed());
  return store;
}

describe('runImport', () => {
  it('imports gzipped arXiv metadata in batches, with progress, into a committed dataset', async () => {
    const store = await withDefault();
    const seen: ImportProgress[] = [];
    const summary = await runImport({
      store, stream: stream(FIRST_100_GZ), fileName: 'first-100.jsonl.gz', totalBytes: FIRST_100_GZ.byteLength,
      batchSize: 30, onProgress: (p) => seen.push(p), holdLock: noLock,
    });
    expect(summary).toMatchObject({ name: 'first-100', format: 'jsonl-arxiv', papers: 100, duplicates: 0, skipped: 0 });
    expect(summary.authors).toBeGreaterThan(300);
    expect(seen.map((p) => p.papers)).toEqual([30, 60, 90, 100]);
    expect(seen.at(-1)?.bytesRead).toBe(FIRST_100_GZ.byteLength);
    const [, mine] = await store.datasets();
    expect(mine?.papers).toHaveLength(100);
    expect(mine?.papers[0]?.id).toBe(`arxiv:${(JSON.parse(FIRST_100.split('\n')[0] ?? '{}') as { id: string }).id}`);
    expect((await store.list())[1]).toMatchObject({ origin: 'arXiv metadata (JSON lines): first-100.jsonl.gz', papers: 100 });
  });

  it('skips bad lines with their line number and reason, and merges a paper listed twice', async () => {
    const lines = FIRST_100.split('\n').filter(Boolean);
    const text = [...lines.slice(0, 10), '{"id": "2501.0000", oops', lines[3], ...lines.slice(10)].join('\n');
    const summary = await runImport({ store: await openStore(), stream: stream(text), holdLock: noLock });
    expect(summary).toMatchObject({ papers: 100, duplicates: 1, skipped: 1 });
    expect(summary.problems[0]).toMatchObject({ line: 11 });
    expect(summary.problems[0]?.message).toMatch(/^not JSON: /);
  });

  it('imports profile text (pasted: no file name) and Paper Atlas JSON, keeping order', async () => {
    const store = await openStore();
    const profile = await runImport({ store, stream: stream(SEED_TEXT), holdLock: noLock });
    expect(profile).toMatchObject({ format: 'profile-text', name: 'Samuel L. Smith (profile)', papers: 19 });
    const exported = exportDataset({ ...seed(), name: 'Backup of my atlas' });
    const native = await runImport({ store, stream: stream(exported), fileName: 'whatever.bin', holdLock: noLock });
    expect(native).toMatchObject({ format: 'paper-atlas-json', name: 'Backup of my atlas', papers: 19 });
    const back = await store.dataset(native.datasetId);
    expect(back && exportDataset({ ...back, id: 'default', createdAt: seed().createdAt })).toBe(exported);
  });

  it.each([
    ['a native file with a bad date', exportDataset(seed()).replace('"date":"2022-04-28"', '"date":"28/04/2022"'), /papers\[\d+\]\.date: expected YYYY-MM-DD, got "28\/04\/2022"/],
    ['a native file cut short', exportDataset(seed()).slice(0, 5000), /^not JSON: /],
    ['arXiv lines that are mostly broken', FIRST_100.split('\n').map((l, i) => (i % 3 ? l.slice(0, 40) : l)).join('\n'), /not arXiv metadata: 66 of the first 100 records failed; line 2: not JSON/],
    // The reader names the line it got to (the gzip layer was removed by sniffing, so it says "the file").
    ['a truncated gzip file', FIRST_100_GZ.subarray(0, FIRST_100_GZ.byteLength - 2000), /\(after line \d+\): unexpected end of file/],
    ['a binary file', new Uint8Array(5000).fill(7), /not a file Paper Atlas can read/],
  ])('refuses %s with a message naming the problem, leaving the stored data untouched', async (_what, data, message) => {
    const store = await withDefault();
    const before = await store.datasets();
    await expect(runImport({ store, stream: stream(data), batchSize: 10, holdLock: noLock })).rejects.toThrow(message);
    expect(await store.datasets()).toEqual(before);
    expect(await store.db.count('datasets')).toBe(1);
    expect((await store.db.getAll('papers')).flat().length).toBe(19);
  });

  it('cancel mid-import leaves no half import', async () => {
    const store = await withDefault();
    const controller = new AbortController();
    const run = runImport({
      store, stream: stream(FIRST_100_GZ), batchSize: 10, signal: controller.signal, holdLock: noLock,
      onProgress: (p) => (p.papers >= 30 ? controller.abort() : undefined),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await store.db.count('datasets')).toBe(1);
    expect((await store.db.getAll('papers')).flat().length).toBe(19);
    expect((await store.db.getAll('authors')).flat().length).toBe(seed().authors.length);
  });

  it('holds the import lock for the whole run', async () => {
    const held: string[] = [];
    let inside = false;
    await runImport({
      store: await openStore(), stream: stream(FIRST_100), holdLock: async (name, fn) => {
        held.push(name);
        inside = true;
        try {
          return await fn();
        } finally {
          inside = false;
        }
      },
      onProgress: () => expect(inside).toBe(true),
    });
    expect(held).toEqual([expect.stringMatching(/^paper-atlas-import:import-/)]);
  });
});
