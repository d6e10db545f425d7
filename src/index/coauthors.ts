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
import { authorKey } from './normalize';
import { byDateDesc } from './search';

export class CoauthorGraph {
  /** Per paper ordinal: its distinct author keys, in source order. */
  private readonly paperKeys: string[][];
  /** Author key -> ordinals of the papers that list the author. */
  private readonly papersByAuthor = new Map<string, number[]>();
  /** Author key -> display name (the Author record's, else first seen on a paper). */
  private readonly names = new Map<string, string>();
  private readonly records = new Map<string, Author>();

  constructor(
    private readonly papers: readonly Paper[],
    authors: readonly Author[],
  ) {
    for (const a of authors) {
      const key = authorKey(a.id) || authorKey(a.name);
      if (key === '' || this.records.has(key)) continue;
      this.records.set(key, a);
      this.names.set(key, a.name);
    }
    this.paperKeys = papers.map((paper, ord) => {
      const keys: string[] = [];
      for (const name of paper.authors) {
        const key = authorKey(name);
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

  /** Known = has an Author record or appears on at least one paper. */
  has(key: string): boolean {
    return this.names.has(key);
  }

  name(key: string): string | undefined {
    return this.names.get(key);
  }

  record(key: string): Author | undefined {
    return this.records.get(key);
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
      const key = authorKey(raw);
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

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
