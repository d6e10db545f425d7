import type { Paper } from '../dataset/schema';
import type { AtlasStore } from './db';
import { CHUNK, type ChunkKey } from './chunks';
import { learnedKey } from './db';
import { datasetRange } from './staging';
import { DatasetMetaSchema, type DatasetMeta } from './upgrade';

/**
 * Rewrites one paper record where it is stored: inside its dataset's chunk
 * (papers are kept in chunks keyed [datasetId, chunkNo], see chunks.ts).
 * Datasets are searched oldest first, like the background merges them, so
 * the record written is the one the merged atlas shows. The index snapshot
 * is kept: the record is also written, in the same transaction, to the
 * `index` store's learned overlay (`learned:<paperId>`, see db.ts), which a
 * loaded snapshot applies on top — rebuilding a 75k-paper index per learned
 * page cost seconds. Anything that clears the `index` store (an import, a
 * removal) drops the overlay with the snapshot, and the rebuild that follows
 * reads the learned record from its chunk. Returns false when no committed
 * dataset holds a paper with this id (e.g. its dataset was removed meanwhile).
 */
export async function updatePaper(store: AtlasStore, paper: Paper, near?: PaperPlace): Promise<boolean> {
  const tx = store.db.transaction(['datasets', 'papers', 'index'], 'readwrite');
  const metas = committedOldestFirst(await tx.objectStore('datasets').getAll());
  const papers = tx.objectStore('papers');
  const write = async (key: ChunkKey, chunk: Paper[]): Promise<boolean> => {
    const at = chunk.findIndex((p) => p.id === paper.id);
    if (at < 0) return false;
    await papers.put(chunk.map((p, i) => (i === at ? paper : p)), key);
    await tx.objectStore('index').put(paper, learnedKey(paper.id));
    return true;
  };
  let written = false;
  // The chunks the merged ordinal points to: a few reads, where scanning
  // for the id deserializes half of a 75k-paper dataset on average.
  for (const key of near ? likelyChunks(metas, near) : []) {
    const chunk = await papers.get(key);
    if (chunk && (written = await write(key, chunk))) break;
  }
  for (const meta of written ? [] : metas) {
    let cursor = await papers.openCursor(datasetRange(meta.id));
    while (cursor && !written) {
      written = await write(cursor.key, cursor.value);
      if (!written) cursor = await cursor.continue();
    }
    if (written) break;
  }
  await tx.done;
  return written;
}

/** Where the merged atlas has a paper: its ordinal, and per dataset how many of its papers merged into earlier ones (combine.ts). */
export interface PaperPlace {
  ord: number;
  mergedInto: ReadonlyMap<string, number>;
}

/**
 * The chunks that can hold the paper at this merged ordinal: datasets are
 * appended oldest first, each without its papers merged into earlier ones,
 * so the ordinal names one dataset and a position at most `merged` further.
 * Empty when it names none or too wide a range (the caller scans then).
 */
function likelyChunks(metas: readonly DatasetMeta[], { ord, mergedInto }: PaperPlace): ChunkKey[] {
  let offset = 0;
  for (const meta of metas) {
    const merged = mergedInto.get(meta.id) ?? 0;
    const own = meta.papers - merged;
    if (ord < offset + own) {
      const first = Math.floor((ord - offset) / CHUNK);
      const last = Math.floor(Math.min(meta.papers - 1, ord - offset + merged) / CHUNK);
      if (last - first > 2) return [];
      return Array.from({ length: last - first + 1 }, (_, i): ChunkKey => [meta.id, first + i]);
    }
    offset += own;
  }
  return [];
}

function committedOldestFirst(rows: unknown[]): DatasetMeta[] {
  return rows
    .flatMap((row) => {
      const m = DatasetMetaSchema.safeParse(row);
      return m.success && m.data.committed ? [m.data] : [];
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}
