import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { arxivRecordToPaper } from '../../src/import/arxiv-jsonl.ts';
import type { Author, Paper } from '../../src/dataset/schema.ts';
import type { ExtensionBrowser } from './support/browser.ts';
import { REPO_ROOT } from './support/constants.ts';

/** The shared 74,728-paper arXiv metadata sample. */
export const SAMPLE_PATH = path.resolve(REPO_ROOT, '../shared/data/arxiv-metadata-sample.jsonl.gz');
export const HAVE_SAMPLE = existsSync(SAMPLE_PATH);

/** The first `limit` papers of the sample, converted by the real importer's record mapping. */
export async function readSample(limit = Infinity): Promise<{ papers: Paper[]; authors: Author[] }> {
  const papers: Paper[] = [];
  const authors = new Map<string, Author>();
  const lines = createInterface({ input: createReadStream(SAMPLE_PATH).pipe(createGunzip()), crlfDelay: Infinity });
  let no = 0;
  for await (const line of lines) {
    if (papers.length >= limit) break;
    const r = arxivRecordToPaper(JSON.parse(line), ++no);
    if ('problem' in r) continue;
    papers.push(r.paper);
    for (const a of r.authors) if (!authors.has(a.id)) authors.set(a.id, a);
  }
  lines.close();
  return { papers, authors: [...authors.values()] };
}

/**
 * Puts a dataset straight into the extension's IndexedDB from one of its own
 * pages (same origin), in the row layout of src/storage/db.ts (v2; v1 whole
 * records as a fallback), then stops the worker so a new one loads it
 * like an imported one. Test-only: production code has no backdoor for this.
 * Until the options page's import lands this stands in for it.
 */
export async function seedDataset(browser: ExtensionBrowser, id: string, data: { papers: Paper[]; authors: Author[] }): Promise<void> {
  const page = await browser.openPopup();
  await page.evaluate(() => ((globalThis as unknown as { seed: { papers: unknown[]; authors: unknown[] } }).seed = { papers: [], authors: [] }));
  const CHUNK = 5000;
  for (let i = 0; i < data.papers.length; i += CHUNK)
    await page.evaluate((c) => (globalThis as unknown as { seed: { papers: unknown[] } }).seed.papers.push(...c), data.papers.slice(i, i + CHUNK));
  for (let i = 0; i < data.authors.length; i += CHUNK * 4)
    await page.evaluate((c) => (globalThis as unknown as { seed: { authors: unknown[] } }).seed.authors.push(...c), data.authors.slice(i, i + CHUNK * 4));
  // The background creates the database (and its stores) when it first
  // loads; opened before that, writeSeed would make an empty one.
  await page.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'summary' }));
  await page.evaluate(writeSeed, id);
  // Stop the worker (it keeps the loaded index in memory); the next message
  // starts a fresh one, which loads the datasets from IndexedDB.
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

/** Runs in the extension page. */
async function writeSeed(id: string): Promise<void> {
  const { papers, authors } = (globalThis as unknown as { seed: { papers: { id: string }[]; authors: { id: string }[] } }).seed;
  const db = await new Promise<IDBDatabase>((ok, fail) => {
    const r = indexedDB.open('paper-atlas');
    r.onsuccess = () => ok(r.result);
    r.onerror = () => fail(r.error);
  });
  const v2 = db.objectStoreNames.contains('papers');
  const stores = v2 ? ['datasets', 'papers', 'authors', 'index'] : ['datasets', 'index'];
  const tx = db.transaction(stores, 'readwrite');
  const createdAt = new Date().toISOString();
  if (v2) {
    tx.objectStore('datasets').put({ id, name: `e2e ${id}`, createdAt, committed: true, papers: papers.length, authors: authors.length, origin: 'e2e seed', touchedAt: Date.now() });
    // Chunks of 2,000 keyed [id, chunkNo], the layout the store writes (src/storage/chunks.ts).
    for (let n = 0; n * 2000 < papers.length; n++) tx.objectStore('papers').put(papers.slice(n * 2000, (n + 1) * 2000), [id, n]);
    for (let n = 0; n * 2000 < authors.length; n++) tx.objectStore('authors').put(authors.slice(n * 2000, (n + 1) * 2000), [id, n]);
  } else {
    tx.objectStore('datasets').put({ format: 'paper-atlas', version: 1, id, name: `e2e ${id}`, createdAt, papers, authors });
  }
  tx.objectStore('index').delete('current');
  await new Promise<void>((ok, fail) => {
    tx.oncomplete = () => ok();
    tx.onerror = () => fail(tx.error);
  });
  db.close();
}
