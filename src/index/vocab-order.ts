/**
 * The vocabulary's sorted order kept up to date as terms come, for the
 * index build's finish (see finish-ahead.ts): the order a stable sort of
 * the term ids by name (term-index.ts's compareTerms) gives.
 */
export class VocabOrder {
  /** Term ids 0 .. length - 1 by name (code-unit order, as term-index.ts's compareTerms), equal names by id (a stable sort's order). */
  private sorted = new Uint32Array(0);
  /** Per id: prefixKey of its name. */
  private keys = new Float64Array(1024);

  /** Takes in the terms added since the last call: ids sorted.length .. names.length - 1. */
  update(names: readonly string[]): void {
    const old = this.sorted;
    const n0 = old.length;
    if (names.length === n0) return;
    if (this.keys.length < names.length) {
      const next = new Float64Array(Math.max(names.length, this.keys.length * 2));
      next.set(this.keys);
      this.keys = next;
    }
    const { keys } = this;
    const fresh: number[] = [];
    for (let id = n0; id < names.length; id++) {
      keys[id] = prefixKey(names[id] ?? '');
      fresh.push(id);
    }
    // Names compared only when their first characters are alike (a number compare is a fraction of a string's).
    const before = (a: number, b: number): boolean => {
      const x = keys[a] ?? 0;
      const y = keys[b] ?? 0;
      if (x !== y) return x < y;
      const s = names[a] ?? '';
      const t = names[b] ?? '';
      return s < t || (s === t && a < b);
    };
    fresh.sort((a, b) => (before(a, b) ? -1 : 1));
    // Merged by a binary search per fresh term, not a compare per old one: a batch brings a few thousand.
    const out = new Uint32Array(names.length);
    let from = 0;
    let k = 0;
    for (const id of fresh) {
      let lo = from;
      let hi = n0;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(old[mid] ?? 0, id)) lo = mid + 1;
        else hi = mid;
      }
      // A loop, not set(subarray): a subarray is an object made per fresh term.
      while (from < lo) out[k++] = old[from++] ?? 0;
      out[k++] = id;
    }
    while (from < n0) out[k++] = old[from++] ?? 0;
    this.sorted = out;
  }

  /** Drops the order and keys (the finish is done with them). */
  release(): void {
    this.sorted = new Uint32Array(0);
    this.keys = new Float64Array(0);
  }

  /** The ids with a document frequency, sorted (update first). */
  order(names: readonly string[], df: Uint32Array): number[] {
    this.update(names);
    const order: number[] = [];
    for (const id of this.sorted) if ((df[id] ?? 0) > 0) order.push(id);
    return order;
  }
}

/**
 * A number that orders names as their first 9 code units do, a digit of 41
 * each: 0 past the end (a prefix first), then the code units in order, one
 * digit for each of [0-9a-z] and one for each range around them (below '0';
 * between '9' and 'a'; '{' to '}'; '~' and above). A range's digit stands for
 * several units, so it ends the key (0s after it: what follows cannot order
 * two names whose units there may differ). A smaller key means an earlier
 * name; equal keys say nothing. 41^9 < 2^53: exact.
 */
function prefixKey(name: string): number {
  let key = 0;
  let open = true;
  for (let i = 0; i < 9; i++) {
    let d = 0;
    if (open && i < name.length) {
      const c = name.charCodeAt(i);
      d = c < 128 ? (KEY_DIGIT[c] ?? 0) : 40;
      if (d === 1 || d === 12 || d >= 39) open = false;
    }
    key = key * 41 + d;
  }
  return key;
}

/** Per ASCII code unit: its digit in prefixKey (1 below '0', 2-11 digits, 12 between, 13-38 letters, 39 '{' to '}', 40 from '~'). */
const KEY_DIGIT = Uint8Array.from({ length: 128 }, (_, c) => (c < 48 ? 1 : c <= 57 ? c - 46 : c < 97 ? 12 : c <= 122 ? c - 84 : c < 126 ? 39 : 40));
