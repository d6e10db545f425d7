import type { PaperIndex } from '../index/paper-index';
import type { AtlasStore } from '../storage/db';

/**
 * What a loaded index reads from the store on demand: the abstract chunks
 * an answer touched, and, after a cold start, the posting chunks it walked
 * (see posting-chunks.ts). The service answers again once they are in
 * (answerWithReads); the rest of the postings follow in the background.
 */

/** What the reads need of what the service has loaded. */
export interface Readable {
  index: PaperIndex;
  /** Where the snapshot's abstract chunks are stored. */
  abstractsKey: string;
}

/**
 * `make`'s answer, made again once what it touched and was not loaded is
 * read, so a woken worker answers exactly as a warm one. Again, because the
 * next answer may touch others (the matched paper's abstract changes the
 * related query); at most six passes. `steps` gets when each pass and each
 * read ended, in ms after `t1` (the first answer's log line).
 */
export async function answerWithReads<R>(make: () => R, openStore: () => Promise<AtlasStore>, loaded: Readable, steps: number[], t1: number): Promise<R> {
  let response = make();
  steps.push(Date.now() - t1);
  for (let passes = 1; passes < 6; passes++) {
    if (!(await readMissing(openStore, loaded))) break;
    steps.push(Date.now() - t1);
    response = make();
    steps.push(Date.now() - t1);
  }
  return response;
}

/**
 * Reads the postings and abstracts the answer just made missed; false when
 * there were none. Call it right after the answer, before any await:
 * questions answered side by side each take what their own answer noted.
 */
async function readMissing(openStore: () => Promise<AtlasStore>, loaded: Readable): Promise<boolean> {
  const postings = loaded.index.chunks.takeMissingPostings();
  const abstracts = loaded.index.chunks.takeMissingAbstracts();
  if (postings.length === 0 && abstracts.length === 0) return false;
  const store = await openStore();
  await Promise.all([readPostings(store, loaded, postings), readAbstracts(store, loaded, abstracts)]);
  return true;
}

/** Throws IndexLoadError when a chunk is gone or broken (the service then rebuilds). */
async function readPostings(store: AtlasStore, loaded: Readable, nos: number[]): Promise<void> {
  const key = loaded.index.chunks.postingsKey;
  if (nos.length === 0 || key === undefined) return;
  const chunks = await store.postingChunks(key, nos);
  loaded.index.chunks.addPostings(nos.map((no, i) => ({ no, chunk: chunks[i] })));
}

async function readAbstracts(store: AtlasStore, loaded: Readable, nos: number[]): Promise<void> {
  if (nos.length === 0) return;
  const chunks = await store.abstractChunks(loaded.abstractsKey, nos);
  // A chunk gone (a newer snapshot replaced this one) reads as '' until the reload.
  loaded.index.chunks.addAbstracts(nos.map((no, i) => ({ no, abstracts: chunks[i] ?? [] })));
}

/**
 * Datasets up to this many papers have every abstract read into a woken
 * worker's memory after its first answer (~1,350 characters each: 100 MB at the 75k
 * sample). Each sidebar answer otherwise reads the chunks of its 30 related
 * papers (their "similar: ..." reasons compare abstracts) in a second pass,
 * which in Chromium cost a sample-paper page about 100 ms. A larger dataset
 * keeps reading on demand: its memory would grow past what a background
 * worker should hold.
 */
export const FILL_ABSTRACTS_MAX = 100_000;

/** Posting chunks read per background step after a cold start (of ~1,024). */
const POSTINGS_BATCH = 64;
/** Abstract chunks read per background step (16 x 64 abstracts, ~1.4 MB: a step keeps the worker a few ms). */
const ABSTRACTS_BATCH = 16;

/**
 * After a cold start's first answer, the posting chunks no answer asked for
 * yet are read in the background, a batch at a time, while `current()` (the
 * index is still the one loaded), so later questions (a popup search over a
 * broad prefix) rarely wait for a read. So are the abstract chunks of a
 * dataset of up to `abstractsMax` papers (FILL_ABSTRACTS_MAX).
 */
export function fillLater(openStore: () => Promise<AtlasStore>, loaded: Readable, current: () => Promise<boolean>, log?: (message: string) => void, abstractsMax = FILL_ABSTRACTS_MAX): void {
  const { index } = loaded;
  inBackground('postings', () => index.chunks.unloadedPostings(), POSTINGS_BATCH, async (nos) => readPostings(await openStore(), loaded, nos), current, log);
  if (index.size <= abstractsMax) inBackground('abstracts', () => index.chunks.unloadedAbstracts(), ABSTRACTS_BATCH, async (nos) => readAbstracts(await openStore(), loaded, nos), current, log);
}

/** Reads the chunks `unloaded()` lists now a batch at a time (skipping those answers read meanwhile), a task each, while `current()`. */
function inBackground(what: string, unloaded: () => number[], batch: number, read: (nos: number[]) => Promise<void>, current: () => Promise<boolean>, log?: (message: string) => void): void {
  const rest = unloaded();
  if (rest.length === 0) return;
  const started = Date.now();
  const fail = (error: unknown) => log?.(`reading ${what} in the background stopped: ${String(error)}`);
  const step = async (at: number): Promise<void> => {
    if (!(await current())) return; // replaced meanwhile
    const still = new Set(unloaded());
    await read(rest.slice(at, at + batch).filter((c) => still.has(c)));
    if (at + batch < rest.length) setTimeout(() => void step(at + batch).catch(fail), 0);
    else log?.(`all ${what} read ${Date.now() - started} ms after the first answer`);
  };
  setTimeout(() => void step(0).catch(fail), 0);
}
