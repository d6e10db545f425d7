import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AHEAD_KEPT, AHEAD_PER_ANSWER, AnswersAhead } from '@/src/background/answers-ahead';
import { AtlasService } from '@/src/background/atlas-service';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import type { Response } from '@/src/messaging/protocol';
import { openStore } from '@/src/storage/db';
import { runImport } from '@/src/storage/import-run';

describe('AnswersAhead', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** A maker that records what it was asked for and answers when told. */
  function maker() {
    const asked: string[] = [];
    const pending = new Map<string, { resolve: (v: string) => void; reject: (e: Error) => void }>();
    const make = (id: string) =>
      new Promise<string>((resolve, reject) => {
        asked.push(id);
        pending.set(id, { resolve, reject });
      });
    return { asked, pending, make };
  }

  it('makes the first ids of a plan after the pause, one at a time, and hands each out as often as asked', async () => {
    const m = maker();
    const ahead = new AnswersAhead(m.make, 100);
    ahead.plan(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    await vi.advanceTimersByTimeAsync(99);
    expect(m.asked).toEqual([]); // the page the plan came from is still rendering
    await vi.advanceTimersByTimeAsync(1);
    expect(m.asked).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(50);
    expect(m.asked).toEqual(['a']); // the next waits for this one
    m.pending.get('a')?.resolve('answer a');
    await vi.advanceTimersByTimeAsync(0);
    expect(m.asked).toEqual(['a', 'b']);
    for (const id of ['b', 'c', 'd', 'e']) {
      m.pending.get(id)?.resolve(`answer ${id}`);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(m.asked).toEqual(['a', 'b', 'c', 'd', 'e'].slice(0, AHEAD_PER_ANSWER));
    const first = ahead.get('a');
    expect(first).toBe(ahead.get('a'));
    await expect(first).resolves.toBe('answer a');
    expect(ahead.get('f')).toBeUndefined();
  });

  it('a new plan replaces what was not made yet, and skips what is kept', async () => {
    const m = maker();
    const ahead = new AnswersAhead(m.make, 100);
    ahead.plan(['a', 'b', 'c']);
    await vi.advanceTimersByTimeAsync(100);
    m.pending.get('a')?.resolve('answer a');
    ahead.plan(['a', 'x']); // the reader clicked: 'b' and 'c' are not made
    await vi.advanceTimersByTimeAsync(100);
    m.pending.get('x')?.resolve('answer x');
    await vi.advanceTimersByTimeAsync(1000);
    expect(m.asked).toEqual(['a', 'x']);
    // Only the first ids of a plan: those kept are not replaced by later ones.
    ahead.plan(['a', 'x', 'y', 'z', 'w', 'v']);
    await vi.advanceTimersByTimeAsync(100);
    for (const id of ['y', 'z', 'w']) {
      m.pending.get(id)?.resolve(id);
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(m.asked).toEqual(['a', 'x', 'y', 'z', 'w']);
  });

  it('forgets everything on drop, a failed answer at once, and the least recent beyond what it keeps', async () => {
    const m = maker();
    const ahead = new AnswersAhead(m.make, 0);
    ahead.plan(['a', 'b']);
    await vi.advanceTimersByTimeAsync(0);
    m.pending.get('a')?.reject(new Error('store gone'));
    await vi.advanceTimersByTimeAsync(0);
    expect(ahead.get('a')).toBeUndefined(); // its page asks afresh
    expect(m.asked).toEqual(['a', 'b']);
    ahead.drop();
    expect(ahead.get('b')).toBeUndefined();
    // Planned and not made yet: made after a drop, from what changed.
    ahead.plan(['c', 'd']);
    ahead.drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(m.asked).toEqual(['a', 'b', 'c']);

    m.pending.get('c')?.resolve('c');
    await vi.advanceTimersByTimeAsync(0);
    m.pending.get('d')?.resolve('d');
    ahead.drop();
    const ids = Array.from({ length: AHEAD_KEPT + 1 }, (_, i) => `p${i}`);
    for (let i = 0; i < ids.length; i += AHEAD_PER_ANSWER) {
      ahead.plan(ids.slice(i, i + AHEAD_PER_ANSWER));
      for (const id of ids.slice(i, i + AHEAD_PER_ANSWER)) {
        await vi.advanceTimersByTimeAsync(0);
        m.pending.get(id)?.resolve(id);
      }
      await vi.advanceTimersByTimeAsync(0);
      if (i === 0) ahead.get('p0'); // read again: now among the most recent
    }
    expect(ahead.get('p0')).toBeDefined();
    expect(ahead.get('p1')).toBeUndefined();
    expect(ahead.get(`p${AHEAD_KEPT}`)).toBeDefined();
  });
});

describe('AtlasService answers the related papers ahead', () => {
  const seedText = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
  const defaultDataset = () => datasetFromProfile(seedText, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });
  const service = () => new AtlasService({ openStore, defaultDataset, aheadDelayMs: 0 });

  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    const path = 'tests/fixtures/metadata/first-100.jsonl.gz';
    const store = await openStore();
    await runImport({ store, stream: new Blob([new Uint8Array(readFileSync(path))]).stream(), fileName: 'first-100.jsonl.gz', holdLock: (_n, fn) => fn() });
    store.close();
  });

  const relatedIds = (r: Response) => (r.type === 'lookup-page' || r.type === 'lookup-id' ? r.related.map((x) => x.paper.arxivId ?? '').filter((id) => id !== '') : []);

  it("answers a related paper's page from what was made while the reader read, the same as asked afresh", async () => {
    const s = service();
    const page = await s.handle({ type: 'lookup-id', arxivId: '1812.06145' });
    const next = relatedIds(page).slice(0, AHEAD_PER_ANSWER);
    expect(next).toHaveLength(AHEAD_PER_ANSWER);
    await s.ahead.idle();
    const fresh = service();
    for (const id of next) {
      const answered = await s.handle({ type: 'lookup-id', arxivId: id });
      // The very answer made ahead (a fresh one would be a new object)…
      expect(await s.handle({ type: 'lookup-id', arxivId: id })).toBe(answered);
      // …and what a worker that made nothing ahead answers.
      expect(answered).toEqual(await fresh.handle({ type: 'lookup-id', arxivId: id }));
      expect(answered).toMatchObject({ type: 'lookup-id', match: { method: 'arxiv-id', paper: { arxivId: id } } });
    }
    // Beyond the related panel's first page: asked afresh.
    const later = relatedIds(page)[AHEAD_PER_ANSWER] ?? '';
    const once = await s.handle({ type: 'lookup-id', arxivId: later });
    expect(await s.handle({ type: 'lookup-id', arxivId: later })).not.toBe(once);
  });

  it('forgets them when the datasets change', async () => {
    const s = service();
    const page = await s.handle({ type: 'lookup-id', arxivId: '1812.06145' });
    const id = relatedIds(page)[0] ?? '';
    await s.ahead.idle();
    const before = await s.handle({ type: 'lookup-id', arxivId: id });
    await s.handle({ type: 'datasets-changed' });
    expect(await s.handle({ type: 'lookup-id', arxivId: id })).not.toBe(before);
  });
});
