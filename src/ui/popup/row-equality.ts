import type { ResultEntry } from './types';

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * Whether two entries render the same row. Every search answer arrives as new
 * objects (parsed from a message), so identity says nothing; comparing what a
 * row shows lets a keystroke that keeps a result re-render only the rows that
 * changed. A paper's fields are fixed for its id within a dataset; the title,
 * date and badge are compared anyway, as they are cheap.
 */
export function sameEntry(a: ResultEntry, b: ResultEntry): boolean {
  if (a === b) return true;
  const p = a.paper;
  const q = b.paper;
  return (
    (p === q || (p.id === q.id && p.title === q.title && p.date === q.date && p.hasCode === q.hasCode && sameList(p.authors, q.authors))) &&
    sameList(a.matchedTerms, b.matchedTerms) &&
    sameList(a.reasons, b.reasons)
  );
}
