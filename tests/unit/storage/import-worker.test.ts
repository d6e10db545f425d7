import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '@/src/storage/db';
import type { ImportProgress, StagedBatch } from '@/src/storage/import-run';
import { importThrough, serveImports, type Port } from '@/src/storage/import-worker';

/** The options page and its import worker, joined by a MessageChannel (as a Worker joins them in the browser). */
const FIRST_100_GZ = readFileSync('tests/fixtures/metadata/first-100.jsonl.gz');
const FIRST_100 = readFileSync('tests/fixtures/metadata/first-100.jsonl', 'utf8');
const noLock = <T>(_name: string, fn: () => Promise<T>) => fn();

let channel: MessageChannel;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  channel = new MessageChannel();
});
afterEach(() => {
  channel.port1.close();
  channel.port2.close();
});

const asPort = (p: MessagePort) => p as unknown as Port;

describe('an import in the worker', () => {
  it('runs there and reports progress, the batches it stored and its summary to the page', async () => {
    const store = await openStore();
    serveImports(asPort(channel.port1), async () => store, { holdLock: noLock, batchSize: 30 });
    const seen: ImportProgress[] = [];
    const events: string[] = [];
    const staged: StagedBatch[] = [];
    const summary = await importThrough(asPort(channel.port2), { blob: new Blob([new Uint8Array(FIRST_100_GZ)]), fileName: 'first-100.jsonl.gz' }, {
      signal: new AbortController().signal,
      onProgress: (p) => seen.push(p),
      onBegun: (id) => events.push(`begun ${id}`),
      onStaged: (s) => (staged.push(s), events.push(`staged ${s.chunk}`)),
    });
    expect(summary).toMatchObject({ name: 'first-100', format: 'jsonl-arxiv', papers: 100, skipped: 0 });
    expect(seen.map((p) => p.papers)).toEqual([30, 60, 90, 100]);
    // The file's size comes from the Blob: the page's progress bar has its fraction.
    expect(seen.at(-1)).toMatchObject({ totalBytes: FIRST_100_GZ.byteLength, bytesRead: FIRST_100_GZ.byteLength });
    expect(events).toEqual([`begun ${summary.datasetId}`, 'staged 0', 'staged 1', 'staged 2', 'staged 3']);
    // Each batch's author numbers reach the page, to be forwarded to the background.
    expect(staged[0]?.authorRefs?.length).toBeGreaterThan(30);
    expect((await store.list()).map((m) => m.papers)).toEqual([100]);
  });

  it("rejects with the importer's own message and leaves nothing stored", async () => {
    const store = await openStore();
    serveImports(asPort(channel.port1), async () => store, { holdLock: noLock });
    const broken = FIRST_100.split('\n').map((l, i) => (i % 3 ? l.slice(0, 40) : l)).join('\n');
    const run = importThrough(asPort(channel.port2), { blob: new Blob([broken]) }, { signal: new AbortController().signal });
    await expect(run).rejects.toThrow(/not arXiv metadata: 66 of the first 100 records failed; line 2: not JSON/);
    expect(await store.db.count('datasets')).toBe(0);
  });

  it('cancel from the page stops the worker: an AbortError, and no half import', async () => {
    const store = await openStore();
    serveImports(asPort(channel.port1), async () => store, { holdLock: noLock, batchSize: 10 });
    const controller = new AbortController();
    const run = importThrough(asPort(channel.port2), { blob: new Blob([new Uint8Array(FIRST_100_GZ)]) }, {
      signal: controller.signal,
      onProgress: (p) => (p.papers >= 20 ? controller.abort() : undefined),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await store.db.count('datasets')).toBe(0);
    expect(await store.db.count('papers')).toBe(0);
  });

  it('a worker that fails (its script did not load) ends the import with an error instead of a wait', async () => {
    // Nothing serves port1: only the error the Worker object fires reaches the page.
    const run = importThrough(asPort(channel.port2), { blob: new Blob(['x']) }, { signal: new AbortController().signal });
    channel.port2.dispatchEvent(Object.assign(new Event('error'), { message: 'SyntaxError: bad script' }));
    await expect(run).rejects.toThrow('the import stopped: its worker failed (SyntaxError: bad script); nothing was changed');
  });
});
