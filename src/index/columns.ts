/**
 * Column building blocks of the snapshot (paper-columns.ts): many strings
 * packed into ONE string plus a Uint32Array of offsets, lists as item ranges,
 * and cheap checksums. Structured clone (IndexedDB) copies one long string
 * and a few typed arrays far faster than 75k objects, and nothing is parsed.
 */

/** Items per packed string: one accented title makes V8 store its whole string two bytes per char. */
export const PART = 4096;

/**
 * Strings packed, PART items per string: item i is in parts[i / PART],
 * ending at e[i] (starting where item i - 1 ended, or 0 at a part's start).
 */
export interface StringColumn {
  parts: string[];
  e: Uint32Array;
  /** Items written with encodeItem (a stored snapshot's, see storedColumn): cell() decodes them. */
  escaped?: boolean;
}

/** Lists of strings: paper i owns items at[i] .. at[i + 1] of `items`. */
export interface ListColumn {
  items: StringColumn;
  at: Uint32Array;
  /**
   * When set (a stored snapshot's list of few distinct strings, see
   * storedList): item k is items[codes[k]], `items` holding each distinct
   * string once. At 1M papers the sources and categories lists were 40 MB
   * of one dataset name and a few hundred category names, read on each wake.
   */
  codes?: Uint16Array;
}

export function packStrings(values: readonly string[]): StringColumn {
  const e = new Uint32Array(values.length);
  const parts: string[] = [];
  for (let start = 0; start < values.length; start += PART) {
    let n = 0;
    for (let i = start; i < Math.min(values.length, start + PART); i++) {
      n += values[i]?.length ?? 0;
      e[i] = n;
    }
    parts.push(values.slice(start, start + PART).join(''));
  }
  return { parts, e };
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
  const part = c.parts[Math.floor(i / PART)] ?? '';
  const item = part.slice(i % PART === 0 ? 0 : (c.e[i - 1] ?? 0), c.e[i] ?? 0);
  return c.escaped ? decodeItem(item) : item;
}

/** Marks an escaped code unit (encodeItem); escaped itself where an item has it. */
const ESC = '\u0001';
// Control characters on purpose: ESC is one (a character titles and names do not use).
/* eslint-disable no-control-regex */
const NEEDS_ESCAPE = /[^\x00-\xff]|\x01/;
const ESCAPED = /[^\x00-\xff]|\x01/g;
const ESCAPE_SEQUENCE = /\x01([\s\S])([\s\S])/g;
/* eslint-enable no-control-regex */

/**
 * An item as a stored column keeps it: every code unit above 0xFF (and the
 * escape character) as ESC + low byte + high byte, so the column can be
 * stored one byte per character (see narrow).
 */
export function encodeItem(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPED, (c) => {
    const u = c.charCodeAt(0);
    return ESC + String.fromCharCode(u & 0xff, u >> 8);
  });
}

/** Inverse of encodeItem. */
export function decodeItem(s: string): string {
  if (s.indexOf(ESC) < 0) return s;
  return s.replace(ESCAPE_SEQUENCE, (_, lo: string, hi: string) => String.fromCharCode(lo.charCodeAt(0) | (hi.charCodeAt(0) << 8)));
}

/**
 * The same characters, stored one byte each. V8 keeps a string two bytes per
 * character once any part of what it was made from was (one "ő" among 4,096
 * titles, or a name split from a line with one), through slice, join and
 * replace, and structured clone stores it so: at 75k, 15.5M of 25M
 * characters, for 4,082 characters above Latin-1. JSON.parse makes a new
 * string one byte per character when they all fit. `s` must hold nothing
 * above 0xFF (encodeItem).
 */
export function narrow(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/** A column as a snapshot stores it: items escaped (only in parts that need it) and every part one byte per character. */
export function storedColumn(c: StringColumn): StringColumn {
  if (c.escaped) return c;
  const e = c.e.slice();
  const parts = c.parts.map((part, k) => {
    if (!NEEDS_ESCAPE.test(part)) return narrow(part);
    const from = k * PART;
    const items: string[] = [];
    let n = 0;
    for (let i = from; i < Math.min(e.length, from + PART); i++) {
      const item = encodeItem(cell(c, i));
      items.push(item);
      n += item.length;
      e[i] = n;
    }
    return narrow(items.join(''));
  });
  return { parts, e, escaped: true };
}

/** Distinct items past which a list is stored as it is (codes are 16 bits). */
const MAX_DICTIONARY = 0xffff;

/** A list as a snapshot stores it: items as storedColumn does; a list of few distinct items as codes into them. */
export function storedList(l: ListColumn): ListColumn {
  if (l.codes) return { items: storedColumn(l.items), at: l.at, codes: l.codes };
  const count = l.at[l.at.length - 1] ?? 0;
  const distinct = new Map<string, number>();
  const codes = new Uint16Array(count);
  for (let k = 0; k < count; k++) {
    const item = cell(l.items, k);
    let code = distinct.get(item);
    if (code === undefined) {
      if (distinct.size >= MAX_DICTIONARY || distinct.size * 16 > count) return { items: storedColumn(l.items), at: l.at };
      distinct.set(item, (code = distinct.size));
    }
    codes[k] = code;
  }
  return { items: storedColumn(packStrings([...distinct.keys()])), at: l.at, codes };
}

/** Item k of a list column (through its codes when it has them). */
export function listItem(c: ListColumn, k: number): string {
  return cell(c.items, c.codes ? (c.codes[k] ?? 0) : k);
}

export function list(c: ListColumn, i: number): string[] {
  const out: string[] = [];
  for (let k = c.at[i] ?? 0; k < (c.at[i + 1] ?? 0); k++) out.push(listItem(c, k));
  return out;
}

/** FNV-1a step over a 32-bit word. */
const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x01000193);

/**
 * Arrays of at most this many 32-bit words are hashed whole; longer ones by
 * a strided sample of about as many. Small because a woken worker hashes
 * before its code is optimized: ~16 MB of arrays hashed whole cost ~50 ms,
 * and 16k words per array still ~10 ms over the snapshot's ~40 arrays.
 */
const ARRAY_SAMPLES = 1 << 12;

/**
 * Words of a typed array (its bytes, whatever its element type), in four
 * independent FNV lanes: the multiplies overlap. Up to 16 kB every word;
 * beyond, the length, the first and last 1k words and an evenly spaced
 * sample (the 33 MB of postings at 75k cost 20-30 ms to hash whole on each
 * cold start and after each build). As for strings (stringChecksum), what a
 * snapshot can suffer is a truncated, swapped or half-written record, not
 * flipped bits.
 */
export function arrayChecksum(view: ArrayBufferView): number {
  // The same value wherever the view starts in its buffer: a copy that
  // starts elsewhere (Node's v8.serialize re-bases views) still checks.
  const a = view.byteOffset % 4 === 0 ? view : new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
  const words = new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
  const n = words.length;
  const edge = n > ARRAY_SAMPLES ? 1024 : n;
  const step = n > ARRAY_SAMPLES ? Math.floor(n / ARRAY_SAMPLES) : 1;
  let h0 = mix(0x811c9dc5, a.byteLength);
  let h1 = 0x01000193;
  let h2 = 0x2545f491;
  let h3 = 0x9e3779b9;
  const head = Math.min(n, edge) & ~3;
  // mix() written out: a woken worker runs these loops before V8 optimizes
  // (and inlines) anything, where each call costs more than the hashing.
  for (let i = 0; i < head; i += 4) {
    h0 = Math.imul(h0 ^ (words[i] as number), 0x01000193);
    h1 = Math.imul(h1 ^ (words[i + 1] as number), 0x01000193);
    h2 = Math.imul(h2 ^ (words[i + 2] as number), 0x01000193);
    h3 = Math.imul(h3 ^ (words[i + 3] as number), 0x01000193);
  }
  for (let i = head; i < Math.min(n, edge); i++) h0 = Math.imul(h0 ^ (words[i] as number), 0x01000193);
  if (n > edge) {
    for (let i = edge; i < n - edge; i += step) h1 = Math.imul(h1 ^ (words[i] as number), 0x01000193);
    for (let i = n - edge; i < n; i++) h2 = Math.imul(h2 ^ (words[i] as number), 0x01000193);
  }
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let i = n * 4; i < bytes.length; i++) h0 = mix(h0, bytes[i] as number);
  return mix(mix(mix(h0, h1), h2), h3) >>> 0;
}

/** Strings at most this long are hashed whole; longer ones by a strided sample. */
const STRING_SAMPLES = 1 << 13;

/**
 * Length and up to 8k evenly spaced characters: hashing every character of
 * 75 MB of abstracts would cost more than reading them. What a snapshot can
 * suffer is a truncated, swapped or half-written record, not flipped bits;
 * the offsets beside the string are hashed whole and must end at its length.
 */
export function stringChecksum(s: string, samples = STRING_SAMPLES): number {
  let h = mix(0x811c9dc5, s.length);
  const step = Math.max(1, Math.floor(s.length / samples));
  for (let i = 0; i < s.length; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193); // mix() written out, as in arrayChecksum
  return h >>> 0;
}

export function columnChecksum(c: StringColumn): number {
  const samples = Math.max(64, Math.floor(STRING_SAMPLES / Math.max(1, c.parts.length)));
  let h = arrayChecksum(c.e);
  for (const part of c.parts) h = mix(h, stringChecksum(part, samples));
  if (c.escaped) h = mix(h, 1);
  return h >>> 0;
}

export function listChecksum(c: ListColumn): number {
  const h = mix(columnChecksum(c.items), arrayChecksum(c.at));
  return (c.codes ? mix(h, arrayChecksum(c.codes)) : h) >>> 0;
}

/** One end per item, and each part's last item ending at the part's length. */
export function columnFits(c: unknown, count: number): c is StringColumn {
  if (typeof c !== 'object' || c === null) return false;
  const { parts, e, escaped } = c as Partial<StringColumn>;
  if (!Array.isArray(parts) || !(e instanceof Uint32Array) || e.length !== count || parts.length !== Math.ceil(count / PART)) return false;
  if (escaped !== undefined && escaped !== true) return false;
  return parts.every((p, k) => typeof p === 'string' && e[Math.min(count, (k + 1) * PART) - 1] === p.length);
}

export function listFits(c: unknown, count: number): c is ListColumn {
  if (typeof c !== 'object' || c === null) return false;
  const { items, at, codes } = c as Partial<ListColumn>;
  if (!(at instanceof Uint32Array) || at.length !== count + 1 || at[0] !== 0) return false;
  if (codes === undefined) return columnFits(items, at[count] ?? 0);
  // A code past the items reads as '' (cell): the checksum vouches for them, as for any item.
  return codes instanceof Uint16Array && codes.length === (at[count] ?? 0) && columnFits(items, (items as Partial<StringColumn> | undefined)?.e?.length ?? -1);
}
