import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AtlasService } from '@/src/background/atlas-service';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import type { ParsedRequest } from '@/src/messaging/protocol';
import { openStore } from '@/src/storage/db';
import { runImport } from '@/src/storage/import-run';

/** The options page's side of the background: list, reload after an import, remove, restore. */
const seedText = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
const defaultDataset = () => datasetFromProfile(seedText, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });
const noLock = <T>(_name: string, fn: () => Promise<T>) => fn();
const service = () => new AtlasService({ openStore, defaultDataset });

async function ask<T extends ParsedRequest['type']>(s: AtlasService, request: ParsedRequest & { type: T }) {
  const r = await s.handle(request);
  if (r.type !== request.type) throw new Error(`unexpected answer ${JSON.stringify(r).slice(0, 200)}`);
  return r as Extract<typeof r, { type: T }>;
}

async function importFile(path: string) {
  const store = await openStore();
  const summary = await runImport({ store, stream: new Blob([new Uint8Array(readFileSync(path))]).stream(), fileName: path.split('/').pop(), holdLock: noLock });
  store.close();
  return summary;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('dataset management in the background', () => {
  it('lists the seeded default', async () => {
    const r = await ask(service(), { type: 'datasets' });
    expect(r).toMatchObject({ papers: 19, datasets: [{ id: 'default', papers: 19, merged: 0, isDefault: true, origin: 'embedded profile' }] });
  });

  it('after an import, "datasets-changed" reloads: the same paper from two sources is one record with both', async () => {
    const s = service();
    await ask(s, { type: 'summary' }); // loaded before the import
    const summary = await importFile('tests/fixtures/metadata/seed-match.jsonl');
    const r = await ask(s, { type: 'datasets-changed' });
    expect(r.datasets.map((d) => [d.name, d.papers, d.merged])).toEqual([['Default', 19, 0], ['seed-match', 2, 2]]);
    expect(r.papers).toBe(19); // both arXiv records matched seed papers by title
    expect(summary.datasetId).toBe(r.datasets[1]?.id);
    const hits = await ask(s, { type: 'search', query: 'increase the batch size', limit: 3 });
    expect(hits.hits[0]?.paper).toMatchObject({ arxivId: '1711.00489', sources: ['profile:samuel-l-smith', 'arxiv-metadata'] });
  });

  it('an unrelated import adds its papers; removing it takes them away again', async () => {
    const s = service();
    await ask(s, { type: 'datasets' }); // first run seeds the default
    await importFile('tests/fixtures/metadata/first-100.jsonl.gz');
    const loaded = await ask(s, { type: 'datasets-changed' });
    expect(loaded.papers).toBe(119);
    const id = loaded.datasets[1]?.id ?? '';
    const removed = await ask(s, { type: 'remove-dataset', id });
    expect(removed).toMatchObject({ papers: 19, datasets: [{ id: 'default' }] });
    await expect(s.handle({ type: 'remove-dataset', id })).rejects.toThrow(/No dataset/);
  });

  it('a removed default stays removed after a restart; restore brings it back', async () => {
    await ask(service(), { type: 'remove-dataset', id: 'default' });
    const restarted = service();
    expect(await ask(restarted, { type: 'datasets' })).toMatchObject({ papers: 0, datasets: [] });
    expect(await ask(restarted, { type: 'restore-default' })).toMatchObject({ papers: 19, datasets: [{ id: 'default', isDefault: true }] });
  });

  it('an import that died half way is removed at the next start, and the rest is intact', async () => {
    await ask(service(), { type: 'datasets' });
    const store = await openStore();
    const dead = await store.beginImport({ name: 'dead' });
    await dead.write(defaultDataset().papers.map((p) => ({ ...p, id: `x${p.id}` })), []);
    store.close();
    // Node has no Web Locks: cleanup falls back to age, so age the record.
    const again = await openStore();
    const meta = await again.db.get('datasets', dead.id);
    if (meta) await again.db.put('datasets', { ...meta, touchedAt: 0 });
    const r = await ask(service(), { type: 'datasets' });
    expect(r).toMatchObject({ papers: 19, datasets: [{ id: 'default' }] });
    expect(await again.db.get('datasets', dead.id)).toBeUndefined();
    expect((await again.db.getAll('papers')).flat().length).toBe(19);
  });
});
