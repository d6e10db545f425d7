/**
 * Author <-> paper graph keyed by authorKey. Coauthor edges are not stored:
 * they are walked on demand through the author's papers, which keeps memory
 * linear in the number of (paper, author) pairs.
 *
 * Profile papers list only their first authors ("et al."), so the graph is
 * partial: a coauthor who is 4th on every joint paper is invisible.
 */
import type { Author, Paper } from '../dataset/schema';
import type { AuthorCoauthors, Coauthor } from './types';
import { authorKey, firstInitialKey, initialsKey, isInitialsOnly } from './normalize';
import { byDateDesc } from './topk';

export class CoauthorGraph {
  /** Per paper ordinal: its distinct (resolved) author keys, in source order. */
  private readonly paperKeys: string[][];
  /** Author key -> ordinals of the papers that list the author. */
  private readonly papersByAuthor = new Map<string, number[]>();
  /** Author key -> display name (the Author record's, else first seen on a paper). */
  private readonly names = new Map<string, string>();
  private readonly records = new Map<string, Author>();
  /** Full-name keys by initials ("s l smith") and by first initial ("s smith"). */
  private readonly byInitials = new Map<string, string[]>();
  private readonly byFirstInitial = new Map<string, string[]>();
  /** Initials-only key -> the one full-name key it stands for. */
  private readonly alias = new Map<string, string>();

  constructor(
    private readonly papers: readonly Paper[],
    authors: readonly Author[],
  ) {
    const rawKeys = papers.map((paper) => paper.authors.map((name) => [authorKey(name), name] as const));
    const all = new Set<string>();
    for (const a of authors) all.add(authorKey(a.id) || authorKey(a.name));
    for (const keys of rawKeys) for (const [k] of keys) all.add(k);
    all.delete('');
    for (const k of all) {
      if (isInitialsOnly(k)) continue;
      addTo(this.byInitials, initialsKey(k), k);
      addTo(this.byFirstInitial, firstInitialKey(k), k);
    }
    for (const k of all) {
      const full = isInitialsOnly(k) ? this.uniqueFull(k) : undefined;
      if (full !== undefined) this.alias.set(k, full);
    }
    for (const a of authors) {
      const key = this.resolve(authorKey(a.id) || authorKey(a.name));
      if (key === '' || this.records.has(key)) continue;
      this.records.set(key, a);
      this.names.set(key, a.name);
    }
    this.paperKeys = rawKeys.map((pairs, ord) => {
      const keys: string[] = [];
      for (const [raw, name] of pairs) {
        const key = this.resolve(raw);
        if (key === '' || keys.includes(key)) continue;
        keys.push(key);
        if (!this.names.has(key)) this.names.set(key, name);
        let list = this.papersByAuthor.get(key);
        if (!list) this.papersByAuthor.set(key, (list = []));
        list.push(ord);
      }
      return keys;
    });
  }

  /** The one full-name key an initials-only key can stand for, if exactly one. */
  private uniqueFull(key: string): string | undefined {
    const cands = new Set(this.byInitials.get(key) ?? []);
    if (key.split(' ').length === 2) for (const k of this.byFirstInitial.get(key) ?? []) cands.add(k);
    return cands.size === 1 ? [...cands][0] : undefined;
  }

  /**
   * The dataset's key for an author key: "s l smith" -> "samuel l smith" when
   * that is the only full name with those initials (and the reverse when the
   * dataset only knows the initials).
   */
  resolve(key: string): string {
    const known = this.alias.get(key);
    if (known !== undefined) return known;
    if (key === '' || this.names.has(key) || this.papersByAuthor.has(key)) return key;
    if (isInitialsOnly(key)) return this.uniqueFull(key) ?? key;
    const ik = initialsKey(key);
    if (ik !== '' && this.names.has(ik) && (this.byInitials.get(ik) ?? []).length === 0) return ik;
    return key;
  }

  /** Known = has an Author record or appears on at least one paper. */
  has(key: string): boolean {
    return this.names.has(key);
  }

  name(key: string): string | undefined {
    return this.names.get(key);
  }

  record(key: string): Author | undefined {
    return this.records.get(this.resolve(key));
  }

  /** Ordinals of the papers listing this author (ascending). */
  papersOf(key: string): readonly number[] {
    return this.papersByAuthor.get(key) ?? [];
  }

  /** Author keys of a paper, deduplicated, in source order. */
  keysOf(ord: number): readonly string[] {
    return this.paperKeys[ord] ?? [];
  }

  /**
   * For each page author known to the dataset (in page order, duplicates
   * merged): coauthors by number of joint papers, ties by name.
   */
  coauthorsOf(authorNames: readonly string[], perAuthor: number): AuthorCoauthors[] {
    const out: AuthorCoauthors[] = [];
    const seen = new Set<string>();
    for (const raw of authorNames) {
      const key = this.resolve(authorKey(raw));
      if (key === '' || seen.has(key) || !this.has(key)) continue;
      seen.add(key);
      const metrics = this.records.get(key)?.metrics;
      out.push({
        author: { id: key, name: this.names.get(key) ?? raw, ...(metrics ? { metrics } : {}) },
        coauthors: this.rankCoauthors(key).slice(0, Math.max(0, perAuthor)),
      });
    }
    return out;
  }

  private rankCoauthors(key: string): Coauthor[] {
    const joint = new Map<string, number[]>();
    for (const ord of this.papersOf(key)) {
      for (const other of this.keysOf(ord)) {
        if (other === key) continue;
        let list = joint.get(other);
        if (!list) joint.set(other, (list = []));
        list.push(ord);
      }
    }
    const coauthors: Coauthor[] = [];
    for (const [id, ords] of joint) {
      ords.sort((a, b) => byDateDesc(this.papers, a, b));
      coauthors.push({
        id,
        name: this.names.get(id) ?? id,
        jointPapers: ords.length,
        paperIds: ords.map((o) => this.papers[o]?.id ?? ''),
      });
    }
    return coauthors.sort(
      (a, b) => b.jointPapers - a.jointPapers || a.name.localeCompare(b.name, 'en') || compare(a.id, b.id),
    );
  }
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  if (key === '') return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else list.push(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
