import type { Paper } from '../dataset/schema';
import type { AtlasStore } from '../storage/db';
import type { DatasetMeta } from '../storage/upgrade';
import type { StreamBuild } from './stream-build';

/**
 * The IndexedDB side of a streamed build (stream-build.ts): datasets read a
 * chunk at a time, and the records merged into read again once the pass is
 * over. Used by the service's rebuild and by an import's prebuild.
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
