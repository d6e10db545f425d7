import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AtlasService } from '@/src/background/atlas-service';
import { ImportPrebuild } from '@/src/background/prebuild';
import type { ServiceSnapshot } from '@/src/background/snapshot';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import type { ParsedRequest } from '@/src/messaging/protocol';
import { openStore, type AtlasStore } from '@/src/storage/db';
import { runImport } from '@/src/storage/import-run';

const SEED_TEXT = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
const FIRST_100 = readFileSync('tests/fixtures/metadata/first-100.jsonl', 'utf8');
// Two seed papers as arXiv lists them: they merge into the seed's records.
const SEED_MATCH = readFileSync('tests/fixtures/metadata/seed-match.jsonl', 'utf8');
const defaultDataset = () => datasetFromProfile(SEED_TEXT, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });
const noLock = <T>(_name: string, fn: () => Promise<T>) => fn();

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** A service whose store logs which stored paper chunks are read, and how many builds reserve a snapshot. */
function service() {
  const reads: string[] = [];
  let builds = 0;
  const open = async (): Promise<AtlasStore> => {
    const store = await openStore();
    const chunk = store.paperChunk.bind(store);
    store.paperChunk = (key) => {
      reads.push(JSON.stringify(key));
      return chunk(key);
    };
    const reserve = store.reserveSnapshot.bind(store);
    store.reserveSnapshot = () => {
      builds++;
      return reserve();
    };
    return store;
  };
  const s = new AtlasService({ openStore: open, defaultDataset });
  return { s, reads, builds: () => builds };
}

/** Imports `text` as the options page does: each stored batch announced to the service. */
async function importThrough(s: AtlasService, text: string) {
  const store = await openStore();
  const summary = await runImport({
    store, stream: new Blob([text]).stream(), batchSize: 16, holdLock: noLock,
    onBegun: (importId) => void s.handle({ type: 'import-begun', importId }),
    onStaged: (staged) => void s.handle({ type: 'import-staged', ...staged }),
  });
  store.close();
  return summary;
}

/** The stored snapshot with its posting chunks, the keys (random per write) left out. */
const snapshotData = async () => {
  const store = await openStore();
  const s = (await store.indexSnapshot())?.data as ServiceSnapshot | undefined;
  const postings = s?.index.index.postings;
  const chunks = postings ? await store.postingChunks(postings.key, Array.from({ length: postings.checksums.length }, (_, c) => c)) : [];
  store.close();
  return s && { ...s, abstractsKey: '', index: { ...s.index, index: { ...s.index.index, postings: postings && { ...postings, key: '' } } }, chunks };
};

const QUESTIONS: ParsedRequest[] = [
  { type: 'search', query: 'neural', limit: 10 },
  { type: 'lookup-page', page: { arxivId: '2102.06171', title: 'x', authors: [], abstract: '' } },
  { type: 'search', query: 'batch size', limit: 5 },
];

describe('an import indexed while it is written', () => {
  it('is ready after the commit without reading its batches again, with the index a full build gives', async () => {
    const { s, reads, builds } = service();
    await s.load(); // the seed, built once
    const text = `${FIRST_100}\n${SEED_MATCH}`;
    const summary = await importThrough(s, text);
    const before = reads.length;
    const buildsBefore = builds();
    const changed = await s.handle({ type: 'datasets-changed' });
    expect(changed).toMatchObject({ type: 'datasets-changed', papers: 19 + 100 });
    // Each of the import's 7 batches is read once (as it was stored), never
    // again by a build after the commit; only the seed chunk merged into is.
    const mine = reads.filter((k) => k.includes(summary.datasetId));
    expect(mine).toHaveLength(7);
    expect(new Set(mine).size).toBe(7);
    expect(reads.slice(before).filter((k) => !k.includes(summary.datasetId))).toEqual(['["default",0]']);
    expect(builds() - buildsBefore).toBe(1); // the snapshot is written once, by the prebuild
    const answers = await Promise.all(QUESTIONS.map((q) => s.handle(q)));
    const prebuilt = await snapshotData();

    // A service that builds from the stored datasets gives the same snapshot and answers.
    const store = await openStore();
    await store.db.clear('index');
    store.close();
    const fresh = service();
    expect(await Promise.all(QUESTIONS.map((q) => fresh.s.handle(q)))).toEqual(answers);
    expect(fresh.builds()).toBe(1);
    expect(await snapshotData()).toEqual(prebuilt);
  });

  it('reads the other datasets in when the import begins, before its first batch is stored', async () => {
    const { s, reads } = service();
    await s.load();
    const before = reads.length;
    await s.handle({ type: 'import-begun', importId: 'import-early' });
    await vi.waitFor(() => expect(reads.slice(before)).toEqual(['["default",0]']));
    // An import never begun is indexed from its batch 0 as before (the test above: begun).
    const lines = FIRST_100.split('\n').filter(Boolean).slice(0, 40);
    const store = await openStore();
    const summary = await runImport({ store, stream: new Blob([lines.join('\n')]).stream(), batchSize: 16, holdLock: noLock, onStaged: (staged) => void s.handle({ type: 'import-staged', ...staged }) });
    store.close();
    expect(await s.handle({ type: 'datasets-changed' })).toMatchObject({ papers: 19 + 40 });
    const mine = reads.filter((k) => k.includes(summary.datasetId));
    expect([...new Set(mine)]).toEqual(mine); // prebuilt: no batch read again
    expect(mine).toHaveLength(3);
  });

  it('a file that lists a paper twice is built after the commit instead, and is right', async () => {
    const { s, builds } = service();
    await s.load();
    const lines = FIRST_100.split('\n').filter(Boolean);
    await importThrough(s, [...lines, lines[5]].join('\n'));
    const buildsBefore = builds();
    expect(await s.handle({ type: 'datasets-changed' })).toMatchObject({ papers: 119 });
    expect(builds() - buildsBefore).toBe(1);
    expect(await s.handle({ type: 'search', query: 'neural', limit: 3 })).toMatchObject({ type: 'search' });
  });

  it('a batch announced after the commit (a one-batch file) is still indexed ahead, and read once', async () => {
    const { s, reads, builds } = service();
    await s.load();
    const store = await openStore();
    const late: { importId: string; chunk: number; duplicates: number }[] = [];
    const summary = await runImport({ store, stream: new Blob([FIRST_100]).stream(), holdLock: noLock, onStaged: (staged) => void late.push(staged) });
    expect(late).toHaveLength(1);
    for (const staged of late) void s.handle({ type: 'import-staged', ...staged });
    const buildsBefore = builds();
    expect(await s.handle({ type: 'datasets-changed' })).toMatchObject({ papers: 119 });
    expect(reads.filter((k) => k.includes(summary.datasetId))).toHaveLength(1); // by the prebuild, not again by a build
    expect(builds() - buildsBefore).toBe(1);
    expect(await s.handle({ type: 'search', query: 'toe-to-toe neuro-symbolic', limit: 1 })).toMatchObject({ hits: [{ paper: { title: expect.stringContaining('Toe-to-Toe') } }] });
  });

  it('a batch never announced (a worker restarted mid-import) leaves the build to after the commit', async () => {
    const { s, reads } = service();
    await s.load();
    const store = await openStore();
    const summary = await runImport({
      store, stream: new Blob([FIRST_100]).stream(), batchSize: 16, holdLock: noLock,
      onStaged: (staged) => void (staged.chunk === 3 ? undefined : s.handle({ type: 'import-staged', ...staged })),
    });
    const before = reads.length;
    expect(await s.handle({ type: 'datasets-changed' })).toMatchObject({ papers: 119 });
    expect(reads.slice(before).filter((k) => k.includes(summary.datasetId))).toHaveLength(7); // all 7 batches, read by the rebuild
  });
});

describe('ImportPrebuild past the papers whose abstracts it keeps in memory', () => {
  it('stores abstracts as it goes, and gives the snapshot a full build gives', async () => {
    const seedStore = await openStore();
    await seedStore.putDataset(defaultDataset());
    await seedStore.markSeeded();
    let prebuild: ImportPrebuild | undefined;
    const summary = await runImport({
      store: seedStore, stream: new Blob([FIRST_100]).stream(), batchSize: 16, holdLock: noLock,
      onStaged: ({ importId, chunk, duplicates }) => {
        prebuild ??= new ImportPrebuild(importId, undefined, 40);
        prebuild.stage(openStore, chunk, duplicates);
      },
    });
    const metas = await seedStore.list();
    const done = await prebuild?.finish(seedStore, metas);
    expect(done).toBeDefined();
    await done?.stored;
    // Stored under the import's prefix, before the snapshot was.
    const keys = (await seedStore.db.getAllKeys('index')).filter((k) => k.startsWith('abstracts:'));
    expect(keys).toHaveLength(2);
    expect(keys.every((k) => k.startsWith(`abstracts:prebuild-${summary.datasetId}:`))).toBe(true);
    const prebuilt = await snapshotData();
    const answer = await new AtlasService({ openStore, defaultDataset }).handle({ type: 'search', query: 'neural', limit: 5 });

    await seedStore.db.clear('index');
    const fresh = service();
    expect(await fresh.s.handle({ type: 'search', query: 'neural', limit: 5 })).toEqual(answer);
    expect(fresh.builds()).toBe(1);
    expect(await snapshotData()).toEqual(prebuilt);
  });
});
