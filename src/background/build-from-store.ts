import type { Paper } from '../dataset/schema';
import type { AtlasStore } from '../storage/db';
import type { DatasetMeta } from '../storage/upgrade';
import { datasetsToken, readSnapshot, storeSnapshot, type LoadedSnapshot, type ServiceSnapshot } from './snapshot';
import { StreamBuild } from './stream-build';

/**
 * The IndexedDB side of a streamed build (stream-build.ts): datasets read a
 * chunk at a time, and the records merged into read again once the pass is
 * over. Used by the service's rebuild (rebuildFromStore) and by an import's prebuild.
 */

/** A stored chunk of papers; throws when it is gone (a dataset removed during the build: the next question builds again). */
export async function readChunk(store: AtlasStore, key: IDBValidKey): Promise<Paper[]> {
  const chunk = await store.paperChunk(key);
  if (!chunk) throw new Error('a dataset changed while the index was being built');
  return chunk;
}

/** Feeds each dataset, oldest first, to the build; `afterChunk` runs after each chunk (to store abstracts handed out). */
export async function streamDatasets(store: AtlasStore, stream: StreamBuild, metas: readonly DatasetMeta[], afterChunk: () => Promise<void> = async () => undefined): Promise<void> {
  for (const meta of metas) {
    stream.beginDataset(meta.id);
    stream.addAuthors(await store.datasetAuthors(meta.id));
    for (const key of await store.paperChunkKeys(meta.id)) {
      stream.addChunk(key, await readChunk(store, key));
      await afterChunk();
    }
  }
}

/** Reads the records papers were merged into and folds the merges in; returns the abstracts changed in chunks already handed out. */
export async function applyStoredMerges(store: AtlasStore, stream: StreamBuild): Promise<Map<number, string>> {
  const records = new Map<number, Paper>();
  const chunks = new Map<string, Paper[]>();
  for (const { ord, ref } of stream.mergeTargets()) {
    const id = JSON.stringify(ref.key);
    const chunk = chunks.get(id) ?? (await readChunk(store, ref.key as IDBValidKey));
    chunks.set(id, chunk);
    const p = chunk[ref.position];
    if (p) records.set(ord, p);
  }
  return stream.applyMerges(records);
}

/**
 * Builds the index from every dataset, a stored chunk at a time (a dataset
 * is never all in memory as objects); abstracts are stored as the build
 * goes and read on demand afterwards, as after a cold start. `stored`: the
 * snapshot record's write, begun once the index is ready.
 */
export async function rebuildFromStore(store: AtlasStore): Promise<{ metas: DatasetMeta[]; loaded: LoadedSnapshot; stored: Promise<boolean> }> {
  const ticket = await store.reserveSnapshot(); // before the read: a write after it voids this snapshot
  const metas = await store.list();
  let abstracts: { no: number; abstracts: string[] }[] = [];
  const stream = new StreamBuild((no, a) => abstracts.push({ no, abstracts: a }), metas.reduce((n, m) => n + m.papers, 0));
  const flush = async () => {
    if (abstracts.length) await store.putAbstractChunks(ticket.nonce, abstracts);
    abstracts = [];
  };
  await streamDatasets(store, stream, metas, flush);
  const { record, loaded } = await finishStored(store, stream, ticket.nonce, flush);
  return { metas, loaded, stored: storeSnapshot(store, datasetsToken(metas), record, ticket) };
}

/**
 * Finishes a build whose abstracts go to the store under `nonce` as they are
 * handed out (`flush` writes those not written yet): the merges folded in,
 * the last abstracts written, the few a merge changed rewritten in place.
 */
export async function finishStored(store: AtlasStore, stream: StreamBuild, nonce: string, flush: () => Promise<void>): Promise<{ record: ServiceSnapshot; loaded: LoadedSnapshot }> {
  const patched = await applyStoredMerges(store, stream);
  const record = stream.finish(nonce);
  await flush();
  if (patched.size) await store.patchAbstracts(nonce, patched);
  return { record, loaded: readSnapshot(record) };
}
