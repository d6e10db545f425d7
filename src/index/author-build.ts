/**
 * The author graph, built during PaperIndex.build as typed arrays and
 * persisted with the index (see coauthors.ts for the queries).
 *
 * Nodes are the resolved author keys, sorted: an initials-only key ("s l
 * smith") that stands for exactly one full name in the dataset is merged
 * into it. `paperAuthors` lists each paper's distinct nodes in source order
 * (CSR by `paperOffsets`); `initialsOrder` lists the full-name nodes sorted
 * by surname + initials (see surnameKey), so initials lookups at query time
 * are binary searches; `records[node]` is the index of its Author record or -1.
 */
import type { Author } from '../dataset/schema';
import { authorKey, fullNameKey, splitName } from './normalize';
import { growU32 } from './grow';
import type { StringList } from './joined-strings';

export interface AuthorGraphData {
  /** Sorted author keys: an array after a build, the stored joined string after a wake. */
  keys: StringList;
  paperOffsets: Uint32Array;
  paperAuthors: Uint32Array;
  initialsOrder: Uint32Array;
  records: Int32Array;
}

/** "samuel l smith" -> "smith\u0001s l": full names with the same surname and initials are adjacent. */
export function surnameKey(key: string): string {
  const { given, surname } = splitName(key);
  return `${surname}\u0001${given.map((g) => g[0] ?? '').join(' ')}`;
}

/**
 * Positions [lo, hi) in `order` (sorted by sk(order[i])) of the entries whose
 * surnameKey equals `target`, or, with prefixOf, those that start with
 * `target` followed by the end or a space (same surname and first initial).
 */
export function initialsRange(order: ArrayLike<number>, sk: (i: number) => string, target: string, prefixOf = false): [number, number] {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sk(order[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  for (;;) {
    if (end >= order.length) break;
    const k = sk(order[end] ?? 0);
    if (k === target || (prefixOf && k.startsWith(target) && k.charCodeAt(target.length) === 32)) end++;
    else break;
  }
  return [lo, end];
}

/** The one full-name raw key an initials-only key stands for (byInitials, and by first initial for "s smith"). */
function uniqueFull(given: readonly string[], surname: string, order: ArrayLike<number>, sk: (i: number) => string): number | undefined {
  const target = `${surname}\u0001${given.join(' ')}`;
  const cands = new Set<number>();
  const [lo, hi] = initialsRange(order, sk, target);
  for (let i = lo; i < hi && cands.size < 2; i++) cands.add(order[i] ?? 0);
  // The key is two words ("s smith"): one initial and a one-word surname.
  if (given.length === 1 && !surname.includes(' ')) {
    const [flo, fhi] = initialsRange(order, sk, target, true);
    for (let i = flo; i < fhi && cands.size < 2; i++) cands.add(order[i] ?? 0);
  }
  return cands.size === 1 ? [...cands][0] : undefined;
}

/** An author key as authorKey gives it (lower-case ASCII words, one space apart) is its own key. */
const ASCII_KEY_RE = /^[a-z0-9]+(?: [a-z0-9]+)*$/;

/** authorKey(id) without the work when the id is a key already (what the importers store). */
const keyOf = (id: string): string => (ASCII_KEY_RE.test(id) ? id : authorKey(id));

/** Two lists each sorted by `cmp` as one; on a tie `a`'s item comes first. */
function merge(a: readonly number[], b: readonly number[], cmp: (x: number, y: number) => number): number[] {
  if (a.length === 0) return [...b];
  const out = new Array<number>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = cmp(b[j] ?? 0, a[i] ?? 0) < 0 ? (b[j++] ?? 0) : (a[i++] ?? 0);
  while (i < a.length) out[k++] = a[i++] ?? 0;
  while (j < b.length) out[k++] = b[j++] ?? 0;
  return out;
}

export class AuthorGraphBuilder {
  private readonly rawIds = new Map<string, number>();
  private readonly rawKeys: string[] = [];
  private readonly byName = new Map<string, number>();
  private pairs = new Uint32Array(1024);
  private nPairs = 0;
  /** Per ordinal: its (latest) run of `pairs`; a replaced paper's new run is appended. */
  private readonly paperStart = growU32();
  private readonly paperEnd = growU32();
  /**
   * The finish's two orders, kept up to date as keys come (see presort):
   * raw keys 0 .. sorted - 1 by key, and those with a full name by surname
   * key (sks), then raw id; the initials-only ones listed aside.
   */
  private byKey: number[] = [];
  private bySurname: number[] = [];
  private readonly sks: (string | undefined)[] = [];
  private readonly initialsOnly: number[] = [];
  private sorted = 0;
  /**
   * The current dataset's authors by number, when its papers come with them
   * (an import's order, see authorRefs in src/import/arxiv-jsonl.ts): their
   * keys, and their raw key ids + 1 once a paper listed them (0: not yet, so
   * raw ids are made in the order add would make them).
   */
  private numberedKeys: string[] = [];
  private numberedRaw = new Int32Array(1024);

  private rawOf(key: string): number {
    if (key === '') return -1;
    let id = this.rawIds.get(key);
    if (id === undefined) {
      id = this.rawKeys.length;
      this.rawIds.set(key, id);
      this.rawKeys.push(key);
    }
    return id;
  }

  /** Records that paper `ord` lists `name`; returns its raw key id (-1 for an empty key). */
  add(ord: number, name: string): number {
    let raw = this.byName.get(name);
    if (raw === undefined) {
      raw = this.rawOf(authorKey(name));
      this.byName.set(name, raw);
    }
    return this.pair(raw);
  }

  /** Records raw key `raw` for the paper being added; returns it (-1 for an empty key, not recorded). */
  private pair(raw: number): number {
    if (raw < 0) return raw;
    if (this.nPairs === this.pairs.length) {
      const next = new Uint32Array(this.pairs.length * 2);
      next.set(this.pairs);
      this.pairs = next;
    }
    this.pairs[this.nPairs++] = raw;
    return raw;
  }

  /** A new dataset: its authors are numbered from 0 again (see numberedKeys). */
  resetNumbers(): void {
    this.numberedKeys = [];
    this.numberedRaw.fill(0);
  }

  /** The next numbers' author keys (each an author's id, authorKey of its name). */
  number(keys: readonly string[]): void {
    for (const key of keys) this.numberedKeys.push(key);
    if (this.numberedKeys.length > this.numberedRaw.length) {
      const next = new Int32Array(Math.max(this.numberedKeys.length, this.numberedRaw.length * 2));
      next.set(this.numberedRaw);
      this.numberedRaw = next;
    }
  }

  /**
   * add, for a name the caller knows the author number of (-1: a name
   * without a key): an array read instead of a lookup by name, the most of
   * what add costs over an import's 400,000 names.
   */
  addNumbered(ord: number, n: number): number {
    if (n < 0) return -1;
    if (n >= this.numberedKeys.length) throw new RangeError(`author number ${n} was not given a key`);
    let raw = (this.numberedRaw[n] ?? 0) - 1;
    if (raw < 0) {
      raw = this.rawOf(this.numberedKeys[n] ?? '');
      this.numberedRaw[n] = raw + 1;
    }
    return this.pair(raw);
  }

  keyOf(raw: number): string {
    return this.rawKeys[raw] ?? '';
  }

  /** Paper `ord`'s names follow (add); call endPaper after them. */
  startPaper(ord: number): void {
    this.paperStart.set(ord, this.nPairs);
  }

  endPaper(ord: number): void {
    this.paperEnd.set(ord, this.nPairs);
  }

  /**
   * Sorts the keys met since the last call into the finish's orders (a
   * merge, linear): a build that calls this while it waits anyway (an
   * import's prebuild, between batches) leaves finish, which the user
   * waits for, only the last keys to place. Skipped until the new keys are
   * an eighth of those placed, so the merges stay few.
   */
  presort(force = false): void {
    const keys = this.rawKeys;
    const n = keys.length;
    if (n === this.sorted || (!force && (n - this.sorted) * 8 < this.sorted)) return;
    const { sks } = this;
    const fresh: number[] = [];
    const full: number[] = [];
    for (let r = this.sorted; r < n; r++) {
      const k = fullNameKey(keys[r] ?? '');
      sks.push(k);
      fresh.push(r);
      if (k === undefined) this.initialsOnly.push(r);
      else full.push(r);
    }
    const byKey = (a: number, b: number) => ((keys[a] ?? '') < (keys[b] ?? '') ? -1 : 1);
    const bySurname = (a: number, b: number) => {
      const x = sks[a] ?? '';
      const y = sks[b] ?? '';
      return x < y ? -1 : x > y ? 1 : a - b;
    };
    this.byKey = merge(this.byKey, fresh.sort(byKey), byKey);
    this.bySurname = merge(this.bySurname, full.sort(bySurname), bySurname);
    this.sorted = n;
  }

  /** `paperCount`: papers 0 .. paperCount - 1 (each started and ended). */
  finish(authors: readonly Author[], paperCount: number): AuthorGraphData {
    const recordRaw = authors.map((a) => this.rawOf(keyOf(a.id) || authorKey(a.name)));
    this.presort(true);
    const keys = this.rawKeys;
    const n = keys.length;
    // Full-name raw keys by surname + initials; initials-only keys resolve through them.
    const { sks, bySurname: full } = this;
    const sk = (r: number): string => sks[r] ?? '';
    const target = new Int32Array(n);
    for (let r = 0; r < n; r++) target[r] = r;
    for (const raw of this.initialsOnly) {
      const { given, surname } = splitName(keys[raw] ?? '');
      target[raw] = uniqueFull(given, surname, full, sk) ?? raw;
    }
    // Nodes: the resolved keys, sorted.
    const nodeRaws = this.byKey.filter((r) => target[r] === r);
    const nodeOfRaw = new Int32Array(n);
    nodeRaws.forEach((r, i) => (nodeOfRaw[r] = i));
    for (let r = 0; r < n; r++) nodeOfRaw[r] = nodeOfRaw[target[r] ?? r] ?? 0;

    const paperOffsets = new Uint32Array(paperCount + 1);
    const paperAuthors = new Uint32Array(this.nPairs);
    let w = 0;
    for (let ord = 0; ord < paperCount; ord++) {
      const start = w;
      const end = this.paperEnd.data[ord] ?? 0;
      for (let p = this.paperStart.data[ord] ?? 0; p < end; p++) {
        const node = nodeOfRaw[this.pairs[p] ?? 0] ?? 0;
        let dup = false;
        for (let q = start; q < w && !dup; q++) dup = paperAuthors[q] === node;
        if (!dup) paperAuthors[w++] = node;
      }
      paperOffsets[ord + 1] = w;
    }
    const records = new Int32Array(nodeRaws.length).fill(-1);
    recordRaw.forEach((raw, i) => {
      const node = raw < 0 ? -1 : (nodeOfRaw[raw] ?? -1);
      if (node >= 0 && records[node] === -1) records[node] = i;
    });
    return {
      keys: nodeRaws.map((r) => keys[r] ?? ''),
      paperOffsets,
      paperAuthors: paperAuthors.slice(0, w),
      initialsOrder: Uint32Array.from(full, (r) => nodeOfRaw[r] ?? 0),
      records,
    };
  }
}
