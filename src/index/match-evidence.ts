/**
 * The evidence beside the title when matching a page to a paper: do the
 * authors agree (by first initial + last surname word), and is the paper's
 * date consistent with the arXiv id's month. Pure; used by match.ts.
 */
import type { Paper } from '../dataset/schema';
import { authorKey, isPlainAscii } from './normalize';

const NAME_SUFFIXES: ReadonlySet<string> = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/**
 * "samuel l smith" / "S. L. Smith" / "Smith, Samuel" -> "s smith": first
 * initial and last surname word, so initials ("O. R. H. A. Badi" for "Omar
 * Rashid Hamdan Al Badi") and particles ("J. Berg", "Jan van der Berg") agree.
 */
export function authorMatchKey(name: string): string {
  const parts = authorKey(name).split(' ').filter((p) => p !== '');
  while (parts.length > 2 && NAME_SUFFIXES.has(parts[parts.length - 1] ?? '')) parts.pop();
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts[0]?.[0] ?? ''} ${parts[parts.length - 1] ?? ''}`;
}

/** Months since year 0 of an arXiv id's YYMM ("2101.12176" -> 2021-01, "hep-th/9901001" -> 1999-01). */
export function arxivIdMonth(id: string): number | undefined {
  const m = /(?:^|\/)(\d{2})(\d{2})(?:\.\d{4,5}|\d{3})(?:v\d+)?$/.exec(id.trim());
  if (!m) return undefined;
  const yy = Number(m[1]);
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return undefined;
  const year = yy >= 91 ? 1900 + yy : 2000 + yy;
  return year * 12 + mm - 1;
}

/** Months since year 0 of "YYYY-MM..." (char codes: called for every candidate). */
export function dateMonth(date: string | undefined): number | undefined {
  if (date === undefined || date.length < 7 || date.charCodeAt(4) !== 45) return undefined;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const d = date.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    y = y * 10 + d;
  }
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  return m >= 1 && m <= 12 ? y * 12 + m - 1 : undefined;
}

export interface AuthorOverlap {
  /** Authors on both lists (compared as first initial + surname). */
  shared: number;
  /** shared / the shorter list (the whole page list when the paper's is truncated). */
  fraction: number;
  /** shared / the longer list: 1 only when the two lists are the same people. */
  same: number;
}

export function matchKeys(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    const k = authorMatchKey(n);
    if (k !== '') out.add(k);
  }
  return out;
}

export function overlapKeys(pk: ReadonlySet<string>, paper: Paper): AuthorOverlap {
  const dk = matchKeys(paper.authors);
  let shared = 0;
  for (const k of pk) if (dk.has(k)) shared++;
  const small = paper.authorsTruncated ? pk.size : Math.min(pk.size, dk.size);
  const large = paper.authorsTruncated ? pk.size : Math.max(pk.size, dk.size);
  return {
    shared,
    fraction: small === 0 ? 0 : Math.min(1, shared / small),
    same: large === 0 ? 0 : Math.min(1, shared / large),
  };
}

/**
 * Whether the paper has one of the page's authors. A name spelt the same on
 * both lists settles it without computing a key (the usual case: the page
 * and the dataset both come from arXiv); else keys are computed lazily
 * (pageKeys caches the page's across calls).
 */
export function sharesAuthor(pageAuthors: readonly string[], pageKeys: string[], paper: Paper): boolean {
  const names = paper.authors;
  for (const name of names) if (pageAuthors.includes(name) && hasMatchKey(name)) return true;
  for (const name of names) {
    const k = authorMatchKey(name);
    if (k === '') continue;
    for (let j = 0; j < pageAuthors.length; j++) {
      const pk = (pageKeys[j] ??= authorMatchKey(pageAuthors[j] ?? ''));
      if (pk === k) return true;
    }
  }
  return false;
}

/** authorMatchKey(name) !== '' (for plain ASCII: it has a letter or digit). */
function hasMatchKey(name: string): boolean {
  return isPlainAscii(name) ? /[A-Za-z0-9]/.test(name) : authorMatchKey(name) !== '';
}

/** Author overlap between a page's author list and a paper's. */
export function authorOverlap(pageAuthors: readonly string[], paper: Paper): AuthorOverlap {
  return overlapKeys(matchKeys(pageAuthors), paper);
}
