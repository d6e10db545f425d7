/**
 * Column building blocks of the snapshot (paper-columns.ts): many strings
 * packed into ONE string plus a Uint32Array of offsets, lists as item ranges,
 * and cheap checksums. Structured clone (IndexedDB) copies one long string
 * and a few typed arrays far faster than 75k objects, and nothing is parsed.
 */

/** Strings packed: item i is s.slice(o[i], o[i + 1]). */
export interface StringColumn {
  s: string;
  o: Uint32Array;
}

/** Lists of strings: paper i owns items at[i] .. at[i + 1] of `items`. */
export interface ListColumn {
  items: StringColumn;
  at: Uint32Array;
}

export function packStrings(values: readonly string[]): StringColumn {
  const o = new Uint32Array(values.length + 1);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    n += values[i]?.length ?? 0;
    o[i + 1] = n;
  }
  return { s: values.join(''), o };
}

export function packLists(lists: readonly (readonly string[])[]): ListColumn {
  const at = new Uint32Array(lists.length + 1);
  const flat: string[] = [];
  for (let i = 0; i < lists.length; i++) {
    for (const x of lists[i] ?? []) flat.push(x);
    at[i + 1] = flat.length;
  }
  return { items: packStrings(flat), at };
}

export function cell(c: StringColumn, i: number): string {
  return c.s.slice(c.o[i] ?? 0, c.o[i + 1] ?? 0);
}

export function list(c: ListColumn, i: number): string[] {
  const out: string[] = [];
  for (let k = c.at[i] ?? 0; k < (c.at[i + 1] ?? 0); k++) out.push(cell(c.items, k));
  return out;
}

/** FNV-1a step over a 32-bit word. */
const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x01000193);

/** Every word of a typed array (its bytes, whatever its element type). */
export function arrayChecksum(a: ArrayBufferView): number {
  let h = mix(0x811c9dc5, a.byteLength);
  const words = a.byteOffset % 4 === 0 ? new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2) : new Int32Array(0);
  for (let i = 0; i < words.length; i++) h = mix(h, words[i] ?? 0);
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let i = words.length * 4; i < bytes.length; i++) h = mix(h, bytes[i] ?? 0);
  return h >>> 0;
}

/** Strings at most this long are hashed whole; longer ones by a strided sample. */
const STRING_SAMPLES = 1 << 16;

/**
 * Length and up to 65k evenly spaced characters: hashing every character of
 * 75 MB of abstracts would cost more than reading them. What a snapshot can
 * suffer is a truncated, swapped or half-written record, not flipped bits;
 * the offsets beside the string are hashed whole and must end at its length.
 */
export function stringChecksum(s: string): number {
  let h = mix(0x811c9dc5, s.length);
  const step = Math.max(1, Math.floor(s.length / STRING_SAMPLES));
  for (let i = 0; i < s.length; i += step) h = mix(h, s.charCodeAt(i));
  return h >>> 0;
}

export function columnChecksum(c: StringColumn): number {
  return mix(stringChecksum(c.s), arrayChecksum(c.o)) >>> 0;
}

export function listChecksum(c: ListColumn): number {
  return mix(columnChecksum(c.items), arrayChecksum(c.at)) >>> 0;
}

/** Offsets that fit: `count + 1` of them, ending at the string's length (or item count). */
export function columnFits(c: unknown, count: number): c is StringColumn {
  if (typeof c !== 'object' || c === null) return false;
  const { s, o } = c as Partial<StringColumn>;
  return typeof s === 'string' && o instanceof Uint32Array && o.length === count + 1 && o[0] === 0 && o[count] === s.length;
}

export function listFits(c: unknown, count: number): c is ListColumn {
  if (typeof c !== 'object' || c === null) return false;
  const { items, at } = c as Partial<ListColumn>;
  return at instanceof Uint32Array && at.length === count + 1 && at[0] === 0 && columnFits(items, at[count] ?? 0);
}
