import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AtlasService } from '@/src/background/atlas-service';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import { openStore } from '@/src/storage/db';
import type { PageInfo } from '@/src/arxiv/page-info';

const seedText = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
const defaultDataset = () => datasetFromProfile(seedText, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });

function makeService(log?: (m: string) => void) {
  return new AtlasService({ openStore, defaultDataset, log });
}

const griffinPage: PageInfo = {
  arxivId: '2402.19427',
  version: 1,
  title: 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models',
  authors: ['Soham De', 'Samuel L. Smith', 'Anushan Fernando'],
  abstract: 'Recurrent neural networks (RNNs) have fast inference and scale efficiently on long sequences.',
};

beforeEach(() => {
  // A fresh, empty IndexedDB per test: like a new browser profile.
  globalThis.indexedDB = new IDBFactory();
});

describe('AtlasService', () => {
  it('seeds the default dataset on first run and matches a seed paper by title', async () => {
    const r = await makeService().handle({ type: 'lookup-page', page: griffinPage });
    expect(r.type).toBe('lookup-page');
    if (r.type !== 'lookup-page') return;
    expect(r.match?.paper.title).toBe(griffinPage.title);
    expect(r.match?.method).toBe('title');
    expect(r.related.length).toBeGreaterThan(0);
    expect(r.related.every((x) => x.paper.id !== r.match?.paper.id)).toBe(true);
    const smith = r.coauthors.find((g) => g.author.name === 'Samuel L. Smith');
    expect(smith?.author.metrics?.hIndex).toBe(79);
    expect(smith?.coauthors.find((c) => c.name === 'Soham De')?.jointPapers).toBeGreaterThanOrEqual(5);
  });

  it('answers "not in dataset" with a null match, not an error', async () => {
    const r = await makeService().handle({
      type: 'lookup-page',
      page: { arxivId: '1706.03762', title: 'Attention Is All You Need', authors: ['Ashish Vaswani'], abstract: 'The dominant sequence transduction models.' },
    });
    expect(r).toMatchObject({ type: 'lookup-page', match: null, coauthors: [] });
  });

  it('after a restart answers from IndexedDB without re-seeding or rebuilding', async () => {
    await makeService().handle({ type: 'summary' });
    const log = vi.fn();
    const restarted = makeService(log);
    const summary = await restarted.handle({ type: 'summary' });
    expect(summary).toMatchObject({ type: 'summary', papers: 19, datasets: [{ id: 'default', papers: 19 }] });
    expect(log).not.toHaveBeenCalledWith(expect.stringMatching(/seeded/));
    const hits = await restarted.handle({ type: 'search', query: 'griff', limit: 5 });
    expect(hits.type === 'search' && hits.hits[0]?.paper.title).toMatch(/^Griffin/);
  });

  it('shares one load between concurrent first questions', async () => {
    const open = vi.fn(openStore);
    const service = new AtlasService({ openStore: open, defaultDataset });
    await Promise.all([service.handle({ type: 'summary' }), service.handle({ type: 'search', query: 'smith', limit: 3 })]);
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe("AtlasService 'lookup-id' (the content script's early question, from the URL)", () => {
  it('answers nothing for an id no dataset paper has, and the page lookup then decides', async () => {
    const service = makeService();
    expect(await service.handle({ type: 'lookup-id', arxivId: griffinPage.arxivId })).toEqual({ type: 'lookup-id', match: null, related: [], coauthors: [] });
  });

  it('once the id is known, answers the same panels the page lookup does', async () => {
    const service = new AtlasService({ openStore, defaultDataset, learnEnabled: async () => true });
    await service.handle({ type: 'lookup-page', page: griffinPage }); // teaches the seed record its arXiv id
    await service.learning;
    const byPage = await service.handle({ type: 'lookup-page', page: griffinPage });
    const byId = await service.handle({ type: 'lookup-id', arxivId: `${griffinPage.arxivId}` });
    expect(byId.type === 'lookup-id' && byId.match).toMatchObject({ method: 'arxiv-id', confidence: 1, paper: { arxivId: griffinPage.arxivId } });
    expect(byId).toEqual({ ...byPage, type: 'lookup-id' });
  });
});
