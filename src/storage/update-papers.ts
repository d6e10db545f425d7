import type { Paper } from '../dataset/schema';
import type { AtlasStore } from './db';
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
export async function updatePaper(store: AtlasStore, paper: Paper): Promise<boolean> {
  const tx = store.db.transaction(['datasets', 'papers', 'index'], 'readwrite');
  const metas = committedOldestFirst(await tx.objectStore('datasets').getAll());
  let written = false;
  for (const meta of metas) {
    let cursor = await tx.objectStore('papers').openCursor(datasetRange(meta.id));
    while (cursor && !written) {
      const chunk = cursor.value;
      const at = chunk.findIndex((p) => p.id === paper.id);
      if (at >= 0) {
        await cursor.update(chunk.map((p, i) => (i === at ? paper : p)));
        await tx.objectStore('index').put(paper, learnedKey(paper.id));
        written = true;
      } else cursor = await cursor.continue();
    }
    if (written) break;
  }
  await tx.done;
  return written;
}

function committedOldestFirst(rows: unknown[]): DatasetMeta[] {
  return rows
    .flatMap((row) => {
      const m = DatasetMetaSchema.safeParse(row);
      return m.success && m.data.committed ? [m.data] : [];
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
}
