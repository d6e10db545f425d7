import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageInfo } from '@/src/arxiv/page-info';
import { AtlasService } from '@/src/background/atlas-service';
import { LEARNED_SOURCE, learnFromPage } from '@/src/background/learn';
import { datasetFromProfile } from '@/src/dataset/default-dataset';
import { PaperIndex } from '@/src/index/paper-index';
import type { Dataset, Paper } from '@/src/dataset/schema';
import { openStore } from '@/src/storage/db';
import { updatePaper } from '@/src/storage/update-papers';
import { countingStore } from '../../support/counting-store';

const seedText = readFileSync('assets/seed/samuel-l-smith.txt', 'utf8');
const defaultDataset = () => datasetFromProfile(seedText, { id: 'default', name: 'Default', createdAt: '1970-01-01T00:00:00.000Z' });
const GRIFFIN_TITLE = 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models';
const griffinSeed = (): Paper => {
  const p = defaultDataset().papers.find((x) => x.title === GRIFFIN_TITLE);
  if (!p) throw new Error('no Griffin in the seed');
  return p;
};

/** The Griffin page lists more authors than the profile ("Soham De, Samuel L. Smith, Anushan Fernando et al."). */
const EXTRA = ['Aleksandar Botev', 'Albert Gu'];
const griffinPage: PageInfo = {
  arxivId: '2402.19427',
  version: 1,
  title: GRIFFIN_TITLE,
  authors: ['Soham De', 'Samuel L. Smith', 'Anushan Fernando', ...EXTRA],
  abstract: 'Recurrent neural networks (RNNs) have fast inference and scale efficiently on long sequences.',
};

function service(learn: boolean | undefined, log?: (m: string) => void) {
  return new AtlasService({ openStore, defaultDataset, log, ...(learn === undefined ? {} : { learnEnabled: async () => learn }) });
}

/** The Griffin record as stored in IndexedDB (a fresh connection, as another worker would read it). */
async function storedGriffin(): Promise<Paper | undefined> {
  const store = await openStore();
  const datasets: Dataset[] = await store.datasets();
  store.close();
  return datasets.flatMap((d) => d.papers).find((p) => p.title === GRIFFIN_TITLE);
}

/** Lets the learning the answer fired (in the background) finish. */
/** Waits until what the last page taught is written and the index refreshed. */
async function settled(s: AtlasService) {
  await s.learning;
  await s.handle({ type: 'summary' });
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('learnFromPage', () => {
  it('a truncated seed paper gains the arXiv id and the full author list', () => {
    const seed = griffinSeed();
    expect(seed.authorsTruncated).toBe(true);
    expect(seed.arxivId).toBeUndefined();
    const learned = learnFromPage(seed, { ...griffinPage, arxivId: 'arXiv:2402.19427v2' }, { confidence: 1 });
    expect(learned).toMatchObject({ id: seed.id, arxivId: '2402.19427', authors: griffinPage.authors, authorsTruncated: false });
    expect(learned?.sources).toEqual([...seed.sources, LEARNED_SOURCE]);
    expect(learned?.title).toBe(seed.title);
  });

  it('learns nothing from a match that is not confident', () => {
    expect(learnFromPage(griffinSeed(), griffinPage, { confidence: 0.8 })).toBeNull();
  });

  it('keeps the author list when the page misses a listed author: only the id is learned', () => {
    const seed = griffinSeed();
    const page = { ...griffinPage, authors: ['Soham De', 'Samuel L. Smith', ...EXTRA] };
    const learned = learnFromPage(seed, page, { confidence: 1 });
    expect(learned).toMatchObject({ arxivId: '2402.19427', authors: seed.authors, authorsTruncated: true });
  });

  it('learns nothing when the record already has the id and a complete author list', () => {
    const known: Paper = { ...griffinSeed(), arxivId: '2402.19427', authorsTruncated: false };
    expect(learnFromPage(known, griffinPage, { confidence: 1 })).toBeNull();
  });

  it('does not take an id the page does not show as a valid arXiv id', () => {
    const seed = { ...griffinSeed(), authorsTruncated: false };
    expect(learnFromPage(seed, { ...griffinPage, arxivId: 'not an id' }, { confidence: 1 })).toBeNull();
  });
});

describe('updatePaper', () => {
  it('rewrites the paper inside its chunk and records it in the learned overlay, keeping the snapshot', async () => {
    await service(false).handle({ type: 'summary' }); // seeds and stores a snapshot
    const store = await openStore();
    const before = await store.indexSnapshot();
    expect(before).toBeDefined();
    const learned = { ...griffinSeed(), arxivId: '2402.19427' };
    await expect(updatePaper(store, learned)).resolves.toBe(true);
    expect(await store.indexSnapshot()).toEqual(before);
    expect(await store.learnedPapers()).toEqual([learned]);
    const [dataset] = await store.datasets();
    expect(dataset?.papers).toHaveLength(19);
    expect(dataset?.papers.find((p) => p.id === learned.id)).toEqual(learned);
    expect(dataset?.papers.filter((p) => p.arxivId !== undefined)).toHaveLength(1);
    await expect(updatePaper(store, { ...learned, id: 'no-such-paper' })).resolves.toBe(false);
    expect(await store.learnedPapers()).toHaveLength(1);
    store.close();
  });
});

describe('updatePaper near a merged ordinal', () => {
  it('writes the record at the chunk the ordinal points to, and scans when the hint is wrong', async () => {
    const store = await openStore();
    const seed = griffinSeed();
    const many = (id: string, n: number): Dataset => ({
      ...defaultDataset(), id, createdAt: `2020-01-0${id === 'a' ? 1 : 2}T00:00:00.000Z`,
      papers: Array.from({ length: n }, (_, i) => ({ ...seed, id: `${id}${i}`, title: `Paper ${id} ${i}` })),
    });
    await store.putDataset(many('a', 2500));
    await store.putDataset(many('b', 4500));
    const mergedInto = new Map([['a', 0], ['b', 0]]);
    for (const [id, ord] of [['b4100', 6600], ['a2400', 2400], ['b10', 0]] as const) {
      const learned = { ...seed, id, title: `Paper ${id}`, arxivId: '2402.19427' };
      await expect(updatePaper(store, learned, { ord, mergedInto })).resolves.toBe(true);
      const papers = (await store.datasets()).flatMap((d) => d.papers);
      expect(papers.filter((p) => p.arxivId !== undefined).map((p) => p.id)).toContain(id);
      expect(papers).toHaveLength(7000);
    }
    expect((await store.learnedPapers()).map((p) => p.id).sort()).toEqual(['a2400', 'b10', 'b4100']);
    store.close();
  });
});

describe('AtlasService learning from pages', () => {
  it('persists what a matched page teaches; the next question and a restarted service see it', async () => {
    const s = service(true);
    const first = await s.handle({ type: 'lookup-page', page: griffinPage });
    expect(first.type === 'lookup-page' && first.match?.method).toBe('title');
    await settled(s);
    expect(await storedGriffin()).toMatchObject({ arxivId: '2402.19427', authors: griffinPage.authors, authorsTruncated: false });

    // The same service now matches by id, and shows the full author list.
    const again = await s.handle({ type: 'lookup-page', page: { ...griffinPage, title: 'A title the page changed' } });
    expect(again.type === 'lookup-page' && again.match).toMatchObject({ method: 'arxiv-id', paper: { authors: griffinPage.authors } });
    const restarted = service(true);
    const r = await restarted.handle({ type: 'lookup-page', page: { ...griffinPage, authors: ['Samuel L. Smith'] } });
    if (r.type !== 'lookup-page') throw new Error(r.type);
    expect(r.match).toMatchObject({ method: 'arxiv-id', paper: { arxivId: '2402.19427', authors: griffinPage.authors, authorsTruncated: false } });
    const smith = r.coauthors.find((g) => g.author.name === 'Samuel L. Smith');
    expect(smith?.coauthors.map((c) => c.name)).toEqual(expect.arrayContaining(EXTRA));
    const search = await restarted.handle({ type: 'search', query: '2402.19427', limit: 5 });
    expect(search.type === 'search' && search.hits[0]?.paper).toMatchObject({ title: GRIFFIN_TITLE, authors: griffinPage.authors });
    const details = await restarted.handle({ type: 'paper-details', id: griffinSeed().id });
    expect(details.type === 'paper-details' && details.coauthors.map((g) => g.author.name)).toContain('Samuel L. Smith');
  });

  it('learning neither reads the datasets nor builds an index, and a restart reads none either', async () => {
    const warm = service(false);
    await warm.handle({ type: 'summary' }); // seeds and stores a snapshot
    const { reads, open } = countingStore();
    const build = vi.spyOn(PaperIndex, 'build');
    try {
      const s = new AtlasService({ openStore: open, defaultDataset, learnEnabled: async () => true });
      await s.handle({ type: 'lookup-page', page: griffinPage });
      await s.learning;
      const byId = await s.handle({ type: 'lookup-id', arxivId: griffinPage.arxivId });
      expect(byId.type === 'lookup-id' && byId.match?.paper).toMatchObject({ title: GRIFFIN_TITLE, arxivId: '2402.19427' });

      const restarted = new AtlasService({ openStore: open, defaultDataset });
      const again = await restarted.handle({ type: 'lookup-id', arxivId: 'arXiv:2402.19427v2' });
      expect(again.type === 'lookup-id' && again.match?.paper).toMatchObject({ title: GRIFFIN_TITLE, authors: griffinPage.authors });
      expect(reads.datasets).toBe(0);
      expect(build).not.toHaveBeenCalled();
    } finally {
      build.mockRestore();
    }
  });

  it('answers as a full rebuild would: match, related papers and coauthors', async () => {
    const s = service(true);
    await s.handle({ type: 'lookup-page', page: griffinPage });
    await settled(s);
    const page = { ...griffinPage, title: 'Unrelated', authors: ['Samuel L. Smith'] };
    const overlaid = await service(true).handle({ type: 'lookup-page', page });

    const store = await openStore();
    await store.db.clear('index'); // what an import does: the next load rebuilds from the chunks
    store.close();
    const rebuilt = await service(true).handle({ type: 'lookup-page', page });
    if (rebuilt.type !== 'lookup-page' || overlaid.type !== 'lookup-page') throw new Error('lookup-page');
    expect(overlaid.match).toEqual(rebuilt.match);
    expect(overlaid.related).toEqual(rebuilt.related);
    expect(overlaid.coauthors).toEqual(rebuilt.coauthors);
    const smith = overlaid.coauthors.find((g) => g.author.name === 'Samuel L. Smith');
    expect(smith?.coauthors.map((c) => c.name)).toEqual(expect.arrayContaining(EXTRA));
    // A learned author the dataset did not know gets a group, as after a rebuild.
    const gu = { ...page, authors: ['Albert Gu'] };
    const [guOverlaid, guRebuilt] = [await s.handle({ type: 'lookup-page', page: gu }), await service(true).handle({ type: 'lookup-page', page: gu })];
    expect(guOverlaid.type === 'lookup-page' && guOverlaid.coauthors[0]?.coauthors.map((c) => c.name)).toContain('Samuel L. Smith');
    expect(guOverlaid).toEqual(guRebuilt);
  });

  it('learns nothing when the dataset is removed while the learning waits', async () => {
    let release = () => {};
    const gate = new Promise<boolean>((resolve) => (release = () => resolve(true)));
    const s = new AtlasService({ openStore, defaultDataset, learnEnabled: () => gate });
    await s.handle({ type: 'lookup-page', page: griffinPage });
    await s.handle({ type: 'remove-dataset', id: 'default' });
    release();
    await settled(s);
    const store = await openStore();
    expect(await store.learnedPapers()).toEqual([]);
    store.close();
    await expect(s.handle({ type: 'lookup-id', arxivId: griffinPage.arxivId })).resolves.toMatchObject({ match: null });
    await expect(service(true).handle({ type: 'summary' })).resolves.toMatchObject({ papers: 0 });
  });

  it('removing the dataset drops what was learned from it', async () => {
    const s = service(true);
    await s.handle({ type: 'lookup-page', page: griffinPage });
    await settled(s);
    await s.handle({ type: 'remove-dataset', id: 'default' });
    const store = await openStore();
    expect(await store.learnedPapers()).toEqual([]);
    store.close();
    const r = await service(true).handle({ type: 'lookup-id', arxivId: griffinPage.arxivId });
    expect(r).toMatchObject({ type: 'lookup-id', match: null });
  });

  it('learns nothing with the setting off (or no setting at all)', async () => {
    for (const learn of [false, undefined]) {
      globalThis.indexedDB = new IDBFactory();
      const log = vi.fn();
      const s = service(learn, log);
      await s.handle({ type: 'lookup-page', page: griffinPage });
      await settled(s);
      expect(await storedGriffin()).toMatchObject({ authorsTruncated: true });
      expect((await storedGriffin())?.arxivId).toBeUndefined();
      expect(log).not.toHaveBeenCalledWith(expect.stringMatching(/^learned/));
    }
  });

  it('answers before the learning is written, and a failed write does not break the service', async () => {
    const log = vi.fn();
    let release = () => {};
    const gate = new Promise<boolean>((resolve) => (release = () => resolve(true)));
    const s = new AtlasService({ openStore, defaultDataset, log, learnEnabled: () => gate });
    const r = await s.handle({ type: 'lookup-page', page: griffinPage });
    expect(r.type === 'lookup-page' && r.match?.paper.arxivId).toBeUndefined();
    release();
    await settled(s);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^learned/));

    const failing = new AtlasService({ openStore, defaultDataset, log, learnEnabled: () => Promise.reject(new Error('storage gone')) });
    await failing.handle({ type: 'lookup-page', page: { ...griffinPage, arxivId: '2402.19428', title: 'Unlocking High-Accuracy Differentially Private Image Classification through Scale', authors: ['Soham De', 'Samuel L. Smith'] } });
    await expect(failing.handle({ type: 'summary' })).resolves.toMatchObject({ type: 'summary', papers: 19 });
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/failed: Error: storage gone/));
  });
});

describe('open-search', () => {
  it('asks the injected opener, and refuses without one', async () => {
    const openSearch = vi.fn(async () => {});
    const s = new AtlasService({ openStore, defaultDataset, openSearch });
    await expect(s.handle({ type: 'open-search', query: 'au:"Samuel L. Smith"' })).resolves.toEqual({ type: 'open-search' });
    expect(openSearch).toHaveBeenCalledWith('au:"Samuel L. Smith"');
    await expect(service(false).handle({ type: 'open-search', query: 'x' })).rejects.toThrow(/cannot open/);
  });
});

describe('the lookup by id of a page a tab is opening (pageOpening)', () => {
  const url = 'https://arxiv.org/abs/2402.19427v1?context=cs';

  it("starts before the page asks, and the page's question gets that very answer, once", async () => {
    const s = service(true);
    await s.handle({ type: 'lookup-page', page: griffinPage }); // learns Griffin's id
    await settled(s);
    const early = s.pageOpening(url);
    expect(early).toBeDefined();
    const asked = await s.handle({ type: 'lookup-id', arxivId: '2402.19427' });
    expect(asked).toBe(await early);
    expect(asked).toMatchObject({ match: { method: 'arxiv-id', paper: { title: GRIFFIN_TITLE } } });
    expect((asked as { related: unknown[] }).related.length).toBeGreaterThan(0);
    // Taken once: the next visit's question is answered afresh (and the same).
    const again = await s.handle({ type: 'lookup-id', arxivId: '2402.19427' });
    expect(again).not.toBe(asked);
    expect(again).toEqual(asked);
  });

  it('an answer made before the page taught the record its id is dropped once it is learned', async () => {
    const s = service(true);
    const early = await s.pageOpening(url);
    expect(early).toMatchObject({ type: 'lookup-id', match: null });
    await s.handle({ type: 'lookup-page', page: griffinPage });
    await settled(s);
    expect(await s.handle({ type: 'lookup-id', arxivId: '2402.19427' })).toMatchObject({ match: { paper: { title: GRIFFIN_TITLE } } });
  });

  it('ignores what is not an abstract page, and the plain-text view', () => {
    const s = service(false);
    for (const other of ['https://arxiv.org/list/cs.LG/recent', 'https://arxiv.org/abs/2402.19427?fmt=txt', 'https://example.org/abs/2402.19427', 'not a url']) {
      expect(s.pageOpening(other), other).toBeUndefined();
    }
  });
});
