/**
 * The exact-title step of matching: every paper's normalized title
 * (normalizeTitle) hashed to 32 bits, the ordinals sorted by hash. A page's
 * title is then a hash and a binary search away; the few papers with that
 * hash are confirmed by comparing titles (hasTitleKey), so a collision
 * costs a comparison, never a wrong answer. 8 bytes per paper (8 MB at 1M)
 * instead of a Map of title strings; stored with the snapshot, so a woken
 * worker matches by title without reading postings. See README "Match".
 */
import { isPlainAscii, normalizeTitle } from './normalize';

/** Ordinals sorted by the hash of their normalized title; equal hashes in ascending ordinal. */
export interface TitleHashes {
  hashes: Uint32Array;
  ords: Uint32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of a normalized title key, over its UTF-16 code units. */
export function hashTitleKey(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * hashTitleKey(normalizeTitle(title)). For a plain-ASCII title (most of the
 * data) without building the key: normalizeTitle then only lower-cases and
 * turns each run of non-[a-z0-9] into one space, trimmed (as hasTitleKey).
 */
export function titleHash(title: string): number {
  if (!isPlainAscii(title)) return hashTitleKey(normalizeTitle(title));
  let h = FNV_OFFSET;
  let started = false;
  let gap = false;
  for (let i = 0; i < title.length; i++) {
    let c = title.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && started) h = Math.imul(h ^ 32, FNV_PRIME);
      h = Math.imul(h ^ c, FNV_PRIME);
      started = true;
      gap = false;
    } else gap = true;
  }
  return h >>> 0;
}

/**
 * The hashes of `count` titles, ordinals sorted by hash: a stable two-pass
 * radix sort on 16-bit halves (no comparator calls; ~1M titles in tens of
 * ms, the hashing dominates).
 */
export function buildTitleHashes(count: number, titleAt: (ord: number) => string): TitleHashes {
  const byOrd = new Uint32Array(count);
  for (let ord = 0; ord < count; ord++) byOrd[ord] = titleHash(titleAt(ord));
  return sortTitleHashes(byOrd);
}

/** buildTitleHashes of titles already hashed: byOrd[ord] is titleHash of paper ord's title (a streamed build hashes them as they come). */
export function sortTitleHashes(byOrd: Uint32Array): TitleHashes {
  const count = byOrd.length;
  let ords = new Uint32Array(count);
  for (let i = 0; i < count; i++) ords[i] = i;
  let spare = new Uint32Array(count);
  for (const shift of [0, 16]) {
    const starts = new Uint32Array(65537);
    for (let i = 0; i < count; i++) {
      const b = (((byOrd[ords[i] ?? 0] ?? 0) >>> shift) & 0xffff) + 1;
      starts[b] = (starts[b] ?? 0) + 1;
    }
    for (let b = 1; b <= 65536; b++) starts[b] = (starts[b] ?? 0) + (starts[b - 1] ?? 0);
    for (let i = 0; i < count; i++) {
      const ord = ords[i] ?? 0;
      const b = ((byOrd[ord] ?? 0) >>> shift) & 0xffff;
      spare[starts[b] ?? 0] = ord;
      starts[b] = (starts[b] ?? 0) + 1;
    }
    [ords, spare] = [spare, ords];
  }
  const hashes = new Uint32Array(count);
  for (let i = 0; i < count; i++) hashes[i] = byOrd[ords[i] ?? 0] ?? 0;
  return { hashes, ords };
}

/** The ordinals (ascending) whose title hashes as `key` does; the caller confirms each title. */
export function ordsWithKeyHash(t: TitleHashes, key: string): number[] {
  const h = hashTitleKey(key);
  const { hashes, ords } = t;
  let lo = 0;
  let hi = hashes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((hashes[mid] ?? 0) < h) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < hashes.length && hashes[i] === h; i++) {
    const ord = ords[i] ?? 0;
    if (ord < ords.length) out.push(ord);
  }
  return out;
}

/**
 * A stored TitleHashes fits `count` papers: one entry each. The content is
 * the snapshot checksum's to vouch for; walking 1M entries here cost a woken
 * worker 15-30 ms, and a damaged entry could only hide a match, never give a
 * wrong one (every candidate's title is compared, ordsWithKeyHash skips an
 * ordinal out of range).
 */
export function titleHashesFit(t: TitleHashes, count: number): boolean {
  return t.hashes.length === count && t.ords.length === count;
}
