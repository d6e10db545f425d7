/**
 * Papers and authors are stored in chunks keyed [datasetId, chunkNo]; chunk
 * numbers follow the source order, so a dataset reads back in its own order
 * (export round-trips byte for byte).
 */
export type ChunkKey = [datasetId: string, chunkNo: number];

/** Records per chunk written by putDataset and the upgrade (imports use their batch size). */
export const CHUNK = 2000;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
