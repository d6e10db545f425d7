/**
 * The search filters (category or archive, year range, author, has code) as
 * a test per paper ordinal, which searchTerms applies to its final
 * candidates only (search.ts). Apart from PaperIndex: the one place search
 * reads a paper's fields rather than its postings.
 */
import type { PaperTable } from './paper-columns';
import type { SearchFilters } from './types';

/**
 * Whether the paper at an ordinal passes `f`. `dateNumberOf` gives its
 * YYYYMMDD (paper-dates.ts); `authorOrds` are the papers of `f.author`, found
 * by the caller, which owns the author graph (and makes it only when asked).
 */
export function searchFilter(f: SearchFilters, table: PaperTable, dateNumberOf: (ord: number) => number, authorOrds: ReadonlySet<number> | undefined): (ord: number) => boolean {
  const cat = f.category?.trim();
  return (ord) => {
    if (!(ord >= 0 && ord < table.length)) return false;
    if (f.hasCode !== undefined && table.hasCode(ord) !== f.hasCode) return false;
    const year = Math.floor(dateNumberOf(ord) / 10000);
    if (f.yearFrom !== undefined && year < f.yearFrom) return false;
    if (f.yearTo !== undefined && year > f.yearTo) return false;
    if (cat && !table.categories(ord).some((c) => c === cat || c.startsWith(`${cat}.`))) return false;
    return !authorOrds || authorOrds.has(ord);
  };
}
