/**
 * Faster term -> id for the matcher: TermIndex.termId is a binary search over
 * the whole sorted vocabulary, ~18 probes, each a likely cache miss when a
 * page is matched once (a 3-character bucket table still left ~10 probes
 * in the crowded buckets: "con", "pro"). This is an open-addressing hash
 * table of term ids (linear probing, at most 70% full), so a lookup hashes
 * the term and compares it with one or two vocabulary strings. Built lazily
 * once per TermIndex (one pass over the vocabulary, ~4 bytes per slot: 1.2 MB
 * for the 213k terms of the 75k-paper sample); pure, no browser API.
 */
import type { StringList } from './joined-strings';
import type { TermIndex } from './term-index';

/** FNV-1a over the UTF-16 code units. */
function hash(term: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** slots[s] = term id + 1, 0 = empty. */
const tables = new WeakMap<TermIndex, Uint32Array>();

const slotCount = (terms: number): number => Math.max(8, Math.ceil(terms / 0.7));

function table(index: TermIndex): Uint32Array {
  let slots = tables.get(index);
  if (slots) return slots;
  const vocab = index.vocab;
  slots = new Uint32Array(slotCount(vocab.length));
  const size = slots.length;
  for (let id = 0; id < vocab.length; id++) {
    let s = hash(vocab.at(id) ?? '') % size;
    while (slots[s] !== 0) s = s + 1 === size ? 0 : s + 1;
    slots[s] = id + 1;
  }
  tables.set(index, slots);
  return slots;
}

function find(slots: Uint32Array, vocab: StringList, term: string): number | undefined {
  const size = slots.length;
  for (let s = hash(term) % size; ; s = s + 1 === size ? 0 : s + 1) {
    const v = slots[s] ?? 0;
    if (v === 0) return undefined;
    if (vocab.at(v - 1) === term) return v - 1;
  }
}

/**
 * The table of `index`, built if need be: stored with the index snapshot, so
 * a woken worker adopts it instead of hashing the whole vocabulary (~30 ms
 * at 75k, on the first question).
 */
export function lookupSlots(index: TermIndex): Uint32Array {
  return table(index);
}

/**
 * Uses a stored table (lookupSlots of the same vocabulary) for `index`;
 * false when it cannot be one. A slot pointing at the wrong term is
 * harmless to correctness of what is found (find compares the term), and the
 * snapshot's checksum covers the rest.
 */
export function adoptLookupSlots(index: TermIndex, slots: Uint32Array): boolean {
  const n = index.vocab.length;
  if (slots.length !== slotCount(n)) return false;
  for (let s = 0; s < slots.length; s++) if ((slots[s] ?? 0) > n) return false;
  tables.set(index, slots);
  return true;
}

/** Same answer as index.termId(term), with one or two string comparisons. */
export function lookupTerm(index: TermIndex, term: string): number | undefined {
  return find(table(index), index.vocab, term);
}

/** lookupTerm for several terms of one index: the table fetched once (a WeakMap get costs about a probe). */
export function termLookup(index: TermIndex): (term: string) => number | undefined {
  const slots = table(index);
  const vocab = index.vocab;
  return (term) => find(slots, vocab, term);
}
