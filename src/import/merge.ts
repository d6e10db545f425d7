import type { Author, AuthorMetrics, Paper } from '../dataset/schema';
import { authorKey, normalizeTitle } from '../index/normalize';

/**
 * Merges records of the same paper (or author) coming from different sources,
 * e.g. a profile's truncated entry and arXiv's full one. Lookups go through
 * Maps keyed by arXiv id and normalized title, so merging n into m records is
 * O(n + m), not O(n * m). Inputs are not modified.
 */

export interface PaperMergeResult { papers: Paper[]; added: number; merged: number }
export interface AuthorMergeResult { authors: Author[]; added: number; merged: number }

function union<T>(a: readonly T[], b: readonly T[]): T[] {
  return [...new Set([...a, ...b])];
}

function authorKeys(p: Paper): Set<string> {
  return new Set(p.authors.map(authorKey).filter(Boolean));
}

/**
 * Same paper: same arXiv id; or same normalized title, at least one shared
 * author and not two different arXiv ids (two arXiv submissions with one
 * title are two records on arXiv too, e.g. a paper and its follow-up).
 */
function sameByTitle(a: Paper, b: Paper, bKeys: Set<string>): boolean {
  if (a.arxivId && b.arxivId && a.arxivId !== b.arxivId) return false;
  return a.authors.some((n) => bKeys.has(authorKey(n)));
}

/** The kept record is `a` (its id, title); `b` only fills gaps. */
export function combinePaper(a: Paper, b: Paper): Paper {
  // A full list beats a truncated one; between two lists of the same kind the
  // longer one is fuller (profiles append the owner after "et al.").
  const useB = (a.authorsTruncated && !b.authorsTruncated) || (a.authorsTruncated === b.authorsTruncated && b.authors.length > a.authors.length);
  const codeUrl = a.codeUrl ?? b.codeUrl;
  const arxivId = a.arxivId ?? b.arxivId;
  return {
    ...a,
    ...(arxivId ? { arxivId } : {}),
    authors: useB ? b.authors : a.authors,
    authorsTruncated: useB ? b.authorsTruncated : a.authorsTruncated,
    affiliations: union(a.affiliations, b.affiliations),
    // Union keeps a's primary category first; arXiv's extra ones follow.
    categories: union(a.categories, b.categories),
    date: b.date < a.date ? b.date : a.date, // ISO dates compare as strings
    abstract: a.abstract || b.abstract,
    hasCode: a.hasCode || b.hasCode,
    ...(codeUrl ? { codeUrl } : {}),
    sources: union(a.sources, b.sources),
  };
}

export function mergePapers(existing: readonly Paper[], incoming: readonly Paper[]): PaperMergeResult {
  const papers = [...existing];
  const byArxiv = new Map<string, number>();
  // Several distinct papers can share a title; each key lists their indexes.
  const byTitle = new Map<string, number[]>();
  // `title`: normalizeTitle(p.title) when the caller has it already.
  const index = (p: Paper, i: number, title?: string) => {
    if (p.arxivId && !byArxiv.has(p.arxivId)) byArxiv.set(p.arxivId, i);
    const key = title ?? normalizeTitle(p.title);
    const list = byTitle.get(key);
    if (!list) byTitle.set(key, [i]);
    else if (!list.includes(i)) list.push(i);
  };
  papers.forEach((p, i) => index(p, i));

  let added = 0;
  let merged = 0;
  for (const p of incoming) {
    let at = p.arxivId !== undefined ? byArxiv.get(p.arxivId) : undefined;
    let title: string | undefined;
    if (at === undefined) {
      title = normalizeTitle(p.title);
      // Author keys only for a title seen before: most papers have none.
      const sameTitle = byTitle.get(title);
      const keys = sameTitle ? authorKeys(p) : undefined;
      at = keys && sameTitle?.find((i) => {
        const q = papers[i];
        return q !== undefined && sameByTitle(q, p, keys);
      });
    }
    const target = at === undefined ? undefined : papers[at];
    if (at === undefined || target === undefined) {
      papers.push(p);
      index(p, papers.length - 1, title);
      added++;
    } else {
      const combined = combinePaper(target, p);
      papers[at] = combined;
      index(combined, at); // it may have gained an arXiv id
      merged++;
    }
  }
  return { papers, added, merged };
}

function combineMetrics(a?: AuthorMetrics, b?: AuthorMetrics): AuthorMetrics | undefined {
  if (!a || !b) return a ?? b;
  const out: AuthorMetrics = { ...b };
  for (const [k, v] of Object.entries(a) as [keyof AuthorMetrics, number | undefined][]) if (v !== undefined) out[k] = v;
  return out;
}

/** The kept record is `a` (its name and metrics); `b` fills missing metrics and the field. */
export function combineAuthor(a: Author, b: Author): Author {
  const metrics = combineMetrics(a.metrics, b.metrics);
  const field = a.field ?? b.field;
  return { ...a, ...(metrics ? { metrics } : {}), ...(field ? { field } : {}) };
}

/**
 * By Author.id, which the schema defines as the authorKey of the name. The
 * existing record keeps its name and metrics; missing metrics and the field
 * are filled from the incoming one.
 */
export function mergeAuthors(existing: readonly Author[], incoming: readonly Author[]): AuthorMergeResult {
  const authors = [...existing];
  const at = new Map<string, number>();
  authors.forEach((a, i) => {
    if (!at.has(a.id)) at.set(a.id, i);
  });
  let added = 0;
  let merged = 0;
  for (const b of incoming) {
    const i = at.get(b.id);
    const a = i === undefined ? undefined : authors[i];
    if (i === undefined || a === undefined) {
      at.set(b.id, authors.length);
      authors.push(b);
      added++;
      continue;
    }
    authors[i] = combineAuthor(a, b);
    merged++;
  }
  return { authors, added, merged };
}
