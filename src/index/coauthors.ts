/**
 * Author <-> paper graph keyed by authorKey, over the typed arrays built by
 * author-build.ts (and persisted with the index). Coauthor edges are not
 * stored: they are walked on demand through the author's papers, which keeps
 * memory linear in the number of (paper, author) pairs.
 *
 * Profile papers list only their first authors ("et al."), so the graph is
 * partial: a coauthor who is 4th on every joint paper is invisible.
 */
import type { Author, Paper } from '../dataset/schema';
import type { AuthorCoauthors, Coauthor } from './types';
import { initialsRange, surnameKey, type AuthorGraphData } from './author-build';
import { authorKey, initialsKey, isInitialsOnly, splitName } from './normalize';
import { byDateDesc } from './topk';

/** Author node -> ordinals of its papers: node a owns ords[offsets[a] .. offsets[a + 1]), ascending. */
export interface AuthorPapers {
  offsets: Uint32Array;
  ords: Uint32Array;
}

/** Whether `p` can be the AuthorPapers of a graph with these keys and paper-author pairs. */
export function authorPapersFit(p: AuthorPapers, data: Pick<AuthorGraphData, 'keys' | 'paperAuthors'>): boolean {
  const pairs = data.paperAuthors.length;
  return p.offsets.length === data.keys.length + 1 && p.offsets[0] === 0 && p.offsets[data.keys.length] === pairs && p.ords.length === pairs;
}

/** The papers of each author node, from the graph's paper -> authors arrays. */
export function authorPapersOf(data: Pick<AuthorGraphData, 'keys' | 'paperOffsets' | 'paperAuthors'>): AuthorPapers {
  const { paperOffsets, paperAuthors, keys } = data;
  const offsets = new Uint32Array(keys.length + 1);
  for (let i = 0; i < paperAuthors.length; i++) {
    const a = (paperAuthors[i] ?? 0) + 1;
    offsets[a] = (offsets[a] ?? 0) + 1;
  }
  for (let a = 0; a < keys.length; a++) offsets[a + 1] = (offsets[a + 1] ?? 0) + (offsets[a] ?? 0);
  const cursor = offsets.slice(0, keys.length);
  const ords = new Uint32Array(paperAuthors.length);
  for (let ord = 0; ord + 1 < paperOffsets.length; ord++) {
    const end = paperOffsets[ord + 1] ?? 0;
    for (let i = paperOffsets[ord] ?? 0; i < end; i++) {
      const a = paperAuthors[i] ?? 0;
      const at = cursor[a] ?? 0;
      cursor[a] = at + 1;
      ords[at] = ord;
    }
  }
  return { offsets, ords };
}

export class CoauthorGraph {
  /** Author node -> ordinals of its papers (CSR, ascending), derived on first use. */
  private byAuthor?: AuthorPapers;
  private readonly names = new Map<number, string>();
  private readonly sks = new Map<number, string>();

  constructor(
    private readonly papers: readonly Paper[],
    private readonly authors: readonly Author[],
    private readonly data: AuthorGraphData,
    /** authorPapers() of this graph when stored with the snapshot (saves deriving it on a cold start). */
    byAuthor?: AuthorPapers,
    /** The id of the paper at an ordinal (PaperRecords.idAt remembers the ids it hands out, see paperRefs). */
    private readonly idOf: (ord: number) => string = (ord) => papers[ord]?.id ?? '',
  ) {
    this.byAuthor = byAuthor;
  }

  /** Node id of a (resolved) key, or -1. */
  private node(key: string): number {
    const keys = this.data.keys;
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys.at(mid) ?? '') < key) lo = mid + 1;
      else hi = mid;
    }
    return key !== '' && keys.at(lo) === key ? lo : -1;
  }

  private sk = (node: number): string => {
    let s = this.sks.get(node);
    if (s === undefined) this.sks.set(node, (s = surnameKey(this.data.keys.at(node) ?? '')));
    return s;
  };

  /** The one full-name key an initials-only key can stand for, if exactly one. */
  private uniqueFull(key: string): string | undefined {
    const { given, surname } = splitName(key);
    const target = `${surname}\u0001${given.join(' ')}`;
    const order = this.data.initialsOrder;
    const cands = new Set<number>();
    const [lo, hi] = initialsRange(order, this.sk, target);
    for (let i = lo; i < hi && cands.size < 2; i++) cands.add(order[i] ?? 0);
    if (key.split(' ').length === 2) {
      const [flo, fhi] = initialsRange(order, this.sk, target, true);
      for (let i = flo; i < fhi && cands.size < 2; i++) cands.add(order[i] ?? 0);
    }
    const [only] = cands;
    return cands.size === 1 && only !== undefined ? this.data.keys.at(only) : undefined;
  }

  /**
   * The dataset's key for an author key: "s l smith" -> "samuel l smith" when
   * that is the only full name with those initials (and the reverse when the
   * dataset only knows the initials).
   */
  resolve(key: string): string {
    if (key === '') return key;
    if (isInitialsOnly(key)) return this.uniqueFull(key) ?? key;
    if (this.node(key) >= 0) return key;
    const ik = initialsKey(key);
    if (ik !== '' && this.node(ik) >= 0) {
      const { given, surname } = splitName(ik);
      const [lo, hi] = initialsRange(this.data.initialsOrder, this.sk, `${surname}\u0001${given.join(' ')}`);
      if (lo === hi) return ik;
    }
    return key;
  }

  /** Known = has an Author record or appears on at least one paper. */
  has(key: string): boolean {
    return this.node(key) >= 0;
  }

  /** Display name: the Author record's, else as first written on a paper. */
  name(key: string): string | undefined {
    const node = this.node(key);
    return node < 0 ? undefined : this.nameOf(node);
  }

  private nameOf(node: number): string {
    let name = this.names.get(node);
    if (name !== undefined) return name;
    const key = this.data.keys.at(node) ?? '';
    name = this.authors[this.data.records[node] ?? -1]?.name;
    const first = this.papersOfNode(node)[0];
    if (name === undefined && first !== undefined) {
      name = this.papers[first]?.authors.find((a) => this.resolve(authorKey(a)) === key);
    }
    this.names.set(node, name ?? key);
    return name ?? key;
  }

  record(key: string): Author | undefined {
    const node = this.node(this.resolve(key));
    return node < 0 ? undefined : this.authors[this.data.records[node] ?? -1];
  }

  /** Each author node's papers (derived on first use; ~20 ms at 75k). */
  authorPapers(): AuthorPapers {
    return (this.byAuthor ??= authorPapersOf(this.data));
  }

  private papersOfNode(node: number): Uint32Array {
    const { offsets, ords } = this.authorPapers();
    return ords.subarray(offsets[node] ?? 0, offsets[node + 1] ?? 0);
  }

  /** Ordinals of the papers listing this author (ascending). */
  papersOf(key: string): readonly number[] {
    const node = this.node(key);
    return node < 0 ? [] : Array.from(this.papersOfNode(node));
  }

  /** Author keys of a paper, deduplicated, in source order. */
  keysOf(ord: number): readonly string[] {
    const { paperOffsets, paperAuthors, keys } = this.data;
    return Array.from(paperAuthors.subarray(paperOffsets[ord] ?? 0, paperOffsets[ord + 1] ?? 0), (a) => keys.at(a) ?? '');
  }

  /**
   * For each page author known to the dataset (in page order, duplicates
   * merged): coauthors by number of joint papers, ties by name.
   */
  coauthorsOf(authorNames: readonly string[], perAuthor: number): AuthorCoauthors[] {
    const out: AuthorCoauthors[] = [];
    const seen = new Set<number>();
    for (const raw of authorNames) {
      const key = this.resolve(authorKey(raw));
      const node = this.node(key);
      if (node < 0 || seen.has(node)) continue;
      seen.add(node);
      const metrics = this.authors[this.data.records[node] ?? -1]?.metrics;
      out.push({
        author: { id: key, name: this.nameOf(node), ...(metrics ? { metrics } : {}) },
        coauthors: this.rankCoauthors(node, perAuthor),
      });
    }
    return out;
  }

  /**
   * The `limit` coauthors with the most joint papers, ties by name. Only
   * those that can make the cut are named and have their papers sorted: a
   * prolific author has hundreds of coauthors, and naming each (ties need
   * names) cost ~100 ms on a woken worker's first answer.
   */
  private rankCoauthors(node: number, limit: number): Coauthor[] {
    const { paperOffsets, paperAuthors, keys } = this.data;
    const papers = this.papersOfNode(node);
    // Counted first, papers listed only for the coauthors that can make the cut.
    const joint = new Map<number, number>();
    for (const ord of papers) {
      const end = paperOffsets[ord + 1] ?? 0;
      for (let i = paperOffsets[ord] ?? 0; i < end; i++) {
        const other = paperAuthors[i] ?? 0;
        if (other !== node) joint.set(other, (joint.get(other) ?? 0) + 1);
      }
    }
    if (limit <= 0 || joint.size === 0) return [];
    const counts = Array.from(joint.values()).sort((a, b) => b - a);
    const least = counts[Math.min(limit, counts.length) - 1] ?? 0;
    const kept = new Map<number, number[]>();
    for (const [other, n] of joint) if (n >= least) kept.set(other, []);
    for (const ord of papers) {
      const end = paperOffsets[ord + 1] ?? 0;
      for (let i = paperOffsets[ord] ?? 0; i < end; i++) kept.get(paperAuthors[i] ?? 0)?.push(ord);
    }
    const ranked: { id: string; name: string; ords: number[] }[] = [];
    for (const [other, ords] of kept) ranked.push({ id: keys.at(other) ?? '', name: this.nameOf(other), ords });
    ranked.sort((a, b) => b.ords.length - a.ords.length || compareNames(a.name, b.name) || compare(a.id, b.id));
    return ranked.slice(0, limit).map(({ id, name, ords }) => {
      ords.sort((a, b) => byDateDesc(this.papers, a, b));
      return { id, name, jointPapers: ords.length, paperIds: ords.map(this.idOf) };
    });
  }
}

const NAMES = new Intl.Collator('en');

/** Display names in English collation order: what `a.localeCompare(b, 'en')` gives, without making a collator per call. */
export function compareNames(a: string, b: string): number {
  return NAMES.compare(a, b);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
