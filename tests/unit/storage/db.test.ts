import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import type { Paper } from '@/src/dataset/schema';
import { DB_NAME, openStore } from '@/src/storage/db';
import { prebuildNonce } from '@/src/storage/staging';

const seedText = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
const seed = () => datasetFromProfile(seedText, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });

const paper = (n: number, extra: Partial<Paper> = {}): Paper => ({
  id: `arxiv:2501.${String(n).padStart(5, '0')}`, arxivId: `2501.${String(n).padStart(5, '0')}`, title: `Paper number ${n}`,
  authors: ['Ada Lovelace'], authorsTruncated: false, affiliations: [], categories: ['cs.LG'], date: '2025-01-02',
  abstract: '', hasCode: false, sources: ['arxiv-metadata'], ...extra,
});

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('storage v2', () => {
  it('upgrades a v1 profile: whole datasets become catalog + rows, nothing lost', async () => {
    const v1 = await openDB(DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('datasets', { keyPath: 'id' });
        db.createObjectStore('index');
      },
    });
    await v1.put('datasets', seed());
    await v1.put('datasets', { id: 'junk', what: 'not a dataset' });
    await v1.put('index', { builtFrom: 'default@1970', data: {} }, 'current');
    v1.close();

    const store = await openStore();
    const [only, ...rest] = await store.datasets();
    expect(rest).toEqual([]);
    expect(only).toEqual(seed());
    expect(await store.list()).toMatchObject([{ id: 'default', committed: true, papers: 19 }]);
    expect(await store.wasSeeded()).toBe(true);
    expect(await store.indexSnapshot()).toBeUndefined();
    store.close();
  });

  it('a fresh profile is empty and not seeded', async () => {
    const store = await openStore();
    expect(await store.datasets()).toEqual([]);
    expect(await store.wasSeeded()).toBe(false);
  });

  it('putDataset replaces a dataset whole; removeDataset removes every row of it', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    await store.putDataset({ ...seed(), papers: seed().papers.slice(0, 3) });
    expect((await store.dataset('default'))?.papers).toHaveLength(3);
    expect(await store.removeDataset('default')).toBe(true);
    expect(await store.removeDataset('default')).toBe(false);
    expect((await store.db.getAll('papers')).flat().length).toBe(0);
    expect((await store.db.getAll('authors')).flat().length).toBe(0);
  });

  it('an import is invisible until commit, then shows with its counts; the snapshot is dropped', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    await expect(store.putIndexSnapshot({ builtFrom: 'x', data: 1 }, await store.reserveSnapshot())).resolves.toBe(true);
    expect(await store.indexSnapshot()).toBeDefined();
    const imp = await store.beginImport({ name: 'mine', origin: 'test' });
    await imp.write([paper(1), paper(2)], [{ id: 'ada lovelace', name: 'Ada Lovelace' }]);
    await imp.write([paper(3)], []);
    expect((await store.datasets()).map((d) => d.id)).toEqual(['default']);
    expect((await store.list()).map((d) => d.id)).toEqual(['default']);
    const meta = await imp.commit();
    expect(meta).toMatchObject({ id: imp.id, name: 'mine', committed: true, papers: 3, authors: 1, origin: 'test' });
    const all = await store.datasets();
    expect(all.map((d) => d.id)).toEqual(['default', imp.id]); // oldest first
    expect(all[1]?.papers.map((p) => p.id)).toEqual([paper(1).id, paper(2).id, paper(3).id]);
    expect(await store.indexSnapshot()).toBeUndefined();
    await expect(imp.write([paper(4)], [])).rejects.toThrow(/finished/);
  });

  it('a snapshot whose build began before a dataset write is not written (it would show old rows)', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    const ticket = await store.reserveSnapshot();
    await store.putDataset({ ...seed(), id: 'other' }); // e.g. an import committed while the index was building
    await expect(store.putIndexSnapshot({ builtFrom: 'x', data: 1 }, ticket)).resolves.toBe(false);
    expect(await store.indexSnapshot()).toBeUndefined();
    await expect(store.putIndexSnapshot({ builtFrom: 'y', data: 2 }, await store.reserveSnapshot())).resolves.toBe(true);
    expect(await store.indexSnapshot()).toEqual({ builtFrom: 'y', data: 2 });
  });

  it('posting chunks are stored beside the snapshot (many in batches), and an older snapshot\'s go when a new one is written', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    const parts = (key: string, count: number) => ({
      key,
      count,
      chunk: (c: number) => ({ ords: Uint32Array.of(c, c + 1), codes: Uint8Array.of(c % 256) }),
    });
    const split = (key: string, count: number) => (s: { builtFrom: string; data: unknown }) => ({ snapshot: s, postings: parts(key, count) });
    await expect(store.putIndexSnapshot({ builtFrom: 'x', data: 1 }, await store.reserveSnapshot(), [], undefined, split('old', 3))).resolves.toBe(true);
    await expect(store.putIndexSnapshot({ builtFrom: 'y', data: 2 }, await store.reserveSnapshot(), [], undefined, split('new', 150))).resolves.toBe(true);
    const all = Array.from({ length: 150 }, (_, c) => c);
    const read = (await store.postingChunks('new', all)) as { ords: Uint32Array }[];
    expect(read.map((r) => r.ords[0])).toEqual(all);
    expect(await store.postingChunks('old', [0, 1, 2])).toEqual([undefined, undefined, undefined]);
    expect(await store.indexSnapshot()).toEqual({ builtFrom: 'y', data: 2 });

    // A build voided by a dataset write stores no chunk.
    const voided = await store.reserveSnapshot();
    await store.putDataset({ ...seed(), id: 'other' });
    await expect(store.putIndexSnapshot({ builtFrom: 'z', data: 3 }, voided, [], undefined, split('voided', 150))).resolves.toBe(false);
    expect((await store.db.getAllKeys('index')).filter((k) => k.startsWith('postings:'))).toEqual([]);
  });

  it('abstract chunks written during a build are kept with its snapshot, patched in place, and deleted when the build is voided', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    const chunk = (no: number) => ({ no, abstracts: Array.from({ length: 64 }, (_, i) => `abstract ${no * 64 + i}`) });
    const good = await store.reserveSnapshot();
    await store.putAbstractChunks(good.nonce, [chunk(0), chunk(1)]);
    await store.patchAbstracts(good.nonce, new Map([[65, 'filled by a later dataset']]));
    await expect(store.putIndexSnapshot({ builtFrom: 'x', data: 1 }, good)).resolves.toBe(true);
    const [c0, c1] = await store.abstractChunks(good.nonce, [0, 1]);
    expect(c0?.[3]).toBe('abstract 3');
    expect(c1?.slice(0, 3)).toEqual(['abstract 64', 'filled by a later dataset', 'abstract 66']);

    const voided = await store.reserveSnapshot();
    await store.putAbstractChunks(voided.nonce, [chunk(0)]);
    await store.putDataset({ ...seed(), id: 'other' }); // clears the index store, as an import's commit does
    await store.putAbstractChunks(voided.nonce, [chunk(1)]); // the build did not know yet
    await expect(store.putIndexSnapshot({ builtFrom: 'y', data: 2 }, voided)).resolves.toBe(false);
    expect(await store.abstractChunks(voided.nonce, [0, 1])).toEqual([undefined, undefined]);
  });

  it("an import's commit keeps the abstracts indexed while it was written and clears the rest; an abort deletes them", async () => {
    const store = await openStore();
    await store.putDataset(seed());
    await expect(store.putIndexSnapshot({ builtFrom: 'x', data: 1 }, await store.reserveSnapshot(), [['old abstract']])).resolves.toBe(true);
    const imp = await store.beginImport({ name: 'mine' });
    await imp.write([paper(1)], []);
    await store.putAbstractChunks(prebuildNonce(imp.id), [{ no: 0, abstracts: ['indexed while written'] }]);
    await imp.commit();
    expect(await store.indexSnapshot()).toBeUndefined();
    expect((await store.db.getAllKeys('index')).sort()).toEqual([`abstracts:${prebuildNonce(imp.id)}:0`]);

    const cancelled = await store.beginImport({ name: 'cancelled' });
    await cancelled.write([paper(2)], []);
    await store.putAbstractChunks(prebuildNonce(cancelled.id), [{ no: 0, abstracts: ['gone'] }]);
    await cancelled.abort();
    expect(await store.abstractChunks(prebuildNonce(cancelled.id), [0])).toEqual([undefined]);
    expect(await store.abstractChunks(prebuildNonce(imp.id), [0])).toEqual([['indexed while written']]);
  });

  it('the same paper twice in one import becomes one record with both sources', async () => {
    const store = await openStore();
    const imp = await store.beginImport({ name: 'dups' });
    const first = await imp.write([paper(1), paper(2), paper(1, { sources: ['other'], abstract: 'filled' })], []);
    const second = await imp.write([paper(2, { sources: ['third'] })], []);
    expect(first.duplicates + second.duplicates).toBe(2);
    const meta = await imp.commit();
    expect(meta.papers).toBe(2);
    const [ds] = await store.datasets();
    expect(ds?.papers.find((p) => p.id === paper(1).id)).toMatchObject({ sources: ['arxiv-metadata', 'other'], abstract: 'filled' });
    expect(ds?.papers.find((p) => p.id === paper(2).id)?.sources).toEqual(['arxiv-metadata', 'third']);
  });

  it('abort deletes every staged row and leaves other datasets alone', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    const imp = await store.beginImport({ name: 'x' });
    await imp.write([paper(1)], [{ id: 'ada lovelace', name: 'Ada Lovelace' }]);
    await imp.abort();
    expect(await store.datasets()).toEqual([seed()]);
    expect((await store.db.getAll('papers')).flat().length).toBe(19);
    expect((await store.db.getAll('datasets')).length).toBe(1);
  });

  it('a crashed import (never committed) is cleaned up on the next start, unless it is still running', async () => {
    const store = await openStore();
    await store.putDataset(seed());
    const crashed = await store.beginImport({ name: 'crashed' });
    await crashed.write([paper(1), paper(2)], []);
    const running = await store.beginImport({ name: 'running' });
    await running.write([paper(3)], []);
    store.close(); // the tab or worker dies here

    const next = await openStore();
    const removed = await next.cleanupStaging(async (m) => m.id === running.id);
    expect(removed).toEqual([crashed.id]);
    expect(await next.datasets()).toEqual([seed()]);
    expect((await next.db.getAll('papers')).flat().length).toBe(19 + 1);
  });

  it('commit refuses when cleanup removed the staging data meanwhile', async () => {
    const store = await openStore();
    const imp = await store.beginImport({ name: 'x' });
    await imp.write([paper(1)], []);
    await store.cleanupStaging(async () => false);
    await expect(imp.commit()).rejects.toThrow(/interrupted/);
    expect(await store.datasets()).toEqual([]);
  });
});
