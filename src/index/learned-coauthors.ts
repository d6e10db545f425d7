/**
 * Coauthors with the author lists learned from arXiv pages (PaperIndex.learn)
 * counted in, without rebuilding the author graph: the graph's typed arrays
 * keep each paper's built (often truncated, "et al.") author list, so the
 * learned papers are walked on each question instead — a handful of records,
 * against a graph of millions of (paper, author) pairs. Gives what the graph
 * rebuilt with the learned records would give, except that initials are
 * resolved against the names the graph knew (a learned name could make an
 * initials-only spelling ambiguous after a rebuild).
 */
import type { Paper } from '../dataset/schema';
import { compareNames, type CoauthorGraph } from './coauthors';
import { authorKey } from './normalize';
import { byDateDesc } from './topk';
import type { AuthorCoauthors, Coauthor } from './types';

/** A learned paper's authors as resolved keys, with the spelling the page used. */
export interface LearnedAuthors {
  ord: number;
  paper: Paper;
  names: Map<string, string>;
}

export function learnedAuthors(graph: CoauthorGraph, learned: ReadonlyMap<number, Paper>): LearnedAuthors[] {
  return [...learned].map(([ord, paper]) => {
    const names = new Map<string, string>();
    for (const a of paper.authors) {
      const key = graph.resolve(authorKey(a));
      if (key !== '' && !names.has(key)) names.set(key, a.trim());
    }
    return { ord, paper, names };
  });
}

export function coauthorsWithLearned(
  graph: CoauthorGraph,
  papers: readonly Paper[],
  learned: readonly LearnedAuthors[],
  ordOf: (id: string) => number | undefined,
  authorNames: readonly string[],
  perAuthor: number,
): AuthorCoauthors[] {
  const out: AuthorCoauthors[] = [];
  const seen = new Set<string>();
  for (const raw of authorNames) {
    const key = graph.resolve(authorKey(raw));
    if (key === '' || seen.has(key)) continue;
    const mine = learned.filter((l) => l.names.has(key));
    // All of the graph's coauthors (it ranks them all anyway): a learned joint paper can lift one into the top.
    const group = graph.has(key) ? graph.coauthorsOf([raw], Number.MAX_SAFE_INTEGER)[0] : undefined;
    if (!group && mine.length === 0) continue;
    seen.add(key);
    const name = group?.author ?? { id: key, name: mine[0]?.names.get(key) ?? raw };
    const coauthors = group?.coauthors ?? [];
    for (const l of mine) {
      for (const [other, spelling] of l.names) {
        if (other === key) continue;
        const c = coauthors.find((x) => x.id === other);
        if (!c) coauthors.push({ id: other, name: graph.name(other) ?? spelling, jointPapers: 1, paperIds: [l.paper.id] });
        else if (!c.paperIds.includes(l.paper.id)) addPaper(c, l.paper.id, papers, ordOf);
      }
    }
    coauthors.sort((a, b) => b.jointPapers - a.jointPapers || compareNames(a.name, b.name) || compare(a.id, b.id));
    out.push({ author: name, coauthors: coauthors.slice(0, Math.max(0, perAuthor)) });
  }
  return out;
}

/** One more joint paper, its ids kept newest first as the graph lists them. */
function addPaper(c: Coauthor, id: string, papers: readonly Paper[], ordOf: (id: string) => number | undefined): void {
  c.jointPapers++;
  c.paperIds = [...c.paperIds, id]
    .map((pid) => ({ pid, ord: ordOf(pid) ?? -1 }))
    .sort((a, b) => byDateDesc(papers, a.ord, b.ord))
    .map((x) => x.pid);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
