/**
 * Papers as columns (columns.ts), the form the snapshot keeps them in
 * (authors: author-columns.ts). A Paper object is materialized only when asked for (an
 * answer returns it), so a cold start never builds 75k (or 1M) objects.
 * `PaperTable` is what PaperIndex reads papers through: this, or a plain
 * array right after a build.
 */
import type { Paper } from '../dataset/schema';
import { AbstractChunks } from './abstract-chunks';
import { normalizeArxivId } from './normalize';
import { PaperView } from './paper-view';
import { dateOfNumber } from './topk';
import {
  arrayChecksum, cell, columnChecksum, columnFits, list, listChecksum, listFits, listItem, storedColumn, storedList, type ListColumn, type StringColumn,
} from './columns';

/** How PaperIndex reads papers by ordinal. */
export interface PaperTable {
  readonly length: number;
  paper(ord: number): Paper | undefined;
  id(ord: number): string;
  title(ord: number): string;
  arxivId(ord: number): string | undefined;
  date(ord: number): string;
  hasCode(ord: number): boolean;
  categories(ord: number): readonly string[];
  /** categories(ord)[0] without making the list (related papers read it for every candidate). */
  primaryCategory(ord: number): string | undefined;
  /** dateNumber() of each paper when stored (columns): recency and the newest date without 1M string reads. */
  readonly dateNumbers?: Int32Array;
  /** The papers as a read-only array (for modules that index `papers[ord]`); lazy for columns. */
  readonly list: readonly Paper[];
}

/** A built index's papers: the array it was built from. */
export function arrayTable(papers: readonly Paper[]): PaperTable {
  return {
    length: papers.length,
    paper: (ord) => papers[ord],
    id: (ord) => papers[ord]?.id ?? '',
    title: (ord) => papers[ord]?.title ?? '',
    arxivId: (ord) => papers[ord]?.arxivId,
    date: (ord) => papers[ord]?.date ?? '',
    hasCode: (ord) => papers[ord]?.hasCode ?? false,
    categories: (ord) => papers[ord]?.categories ?? [],
    primaryCategory: (ord) => papers[ord]?.categories[0],
    list: papers,
  };
}

export const HAS_CODE = 1;
export const TRUNCATED = 2;
export const HAS_ARXIV = 4;
export const HAS_CODE_URL = 8;

/** The stored form: plain strings and typed arrays (structured clone, no JSON). */
export interface PaperColumnsData {
  count: number;
  flags: Uint8Array;
  ids: StringColumn;
  arxivIds: StringColumn;
  titles: StringColumn;
  /** Absent in a stored snapshot whose every date is its dateNumber written out (datesFromNumbers). */
  dates?: StringColumn;
  codeUrls: StringColumn;
  authors: ListColumn;
  affiliations: ListColumn;
  categories: ListColumn;
  sources: ListColumn;
  /** Ordinals of the papers with an arXiv id, by normalized id then ordinal: lookups by binary search, no map to build on wake. */
  arxivOrder: Uint32Array;
  /** dateNumber(date) per paper (YYYYMMDD). */
  dateNumbers: Int32Array;
  /** Set when `dates` is left out: date(ord) is dateNumbers[ord] as "YYYY-MM-DD" (13 MB less to read at 1M). */
  datesFromNumbers?: true;
  /** Per column name: its checksum (columns.ts), checked on load. */
  checksums: Record<string, number>;
}

const STRING_COLUMNS = ['ids', 'arxivIds', 'titles', 'dates', 'codeUrls'] as const;

const LIST_COLUMNS = ['authors', 'affiliations', 'categories', 'sources'] as const;

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** The columns as a snapshot stores them: strings escaped and one byte per character (columns.ts storedColumn). */
export function storedPaperColumns(d: PaperColumnsData): PaperColumnsData {
  const out = { ...d };
  for (const k of STRING_COLUMNS) {
    const c = d[k];
    if (c) out[k] = storedColumn(c);
  }
  for (const k of LIST_COLUMNS) out[k] = storedList(d[k]);
  if (out.dates && datesAreNumbers(out.dates, d.dateNumbers)) {
    delete out.dates;
    out.datesFromNumbers = true;
  }
  return { ...out, checksums: paperChecksums(out) };
}

/** Whether every date is its date number written out (then the numbers alone are stored). */
function datesAreNumbers(dates: StringColumn, numbers: Int32Array): boolean {
  for (let ord = 0; ord < numbers.length; ord++) if (dateOfNumber(numbers[ord] ?? 0) !== cell(dates, ord)) return false;
  return true;
}

export function paperChecksums(d: Omit<PaperColumnsData, 'checksums'>): Record<string, number> {
  const out: Record<string, number> = { flags: arrayChecksum(d.flags), arxivOrder: arrayChecksum(d.arxivOrder), dateNumbers: arrayChecksum(d.dateNumbers) };
  for (const k of STRING_COLUMNS) {
    const c = d[k];
    if (c) out[k] = columnChecksum(c);
  }
  for (const k of LIST_COLUMNS) out[k] = listChecksum(d[k]);
  return out;
}

/** Column records made by fromBuilt in this context (a copy read from storage is not among them). */
const madeHere = new WeakSet<object>();

/** Materialized papers kept; beyond this the cache starts over (answers touch a few dozen). */
export const CACHE_LIMIT = 4096;

export class PaperColumns implements PaperTable {
  private cache = new Map<number, Paper>();
  private views?: readonly Paper[];

  private constructor(
    private readonly d: PaperColumnsData,
    readonly abstracts: AbstractChunks,
  ) {}

  /**
   * Modules reading `papers[ord]` get a view whose fields are read from the
   * columns when touched. A plain array of small views (made on first use:
   * ~3 ms at 75k), not a Proxy: related reads a date and a category of
   * tens of thousands of candidates, and a Proxy trap per read doubled that.
   */
  get list(): readonly Paper[] {
    if (!this.views) {
      const views = new Array<Paper>(this.d.count);
      for (let ord = 0; ord < views.length; ord++) views[ord] = new PaperView(this, ord) as unknown as Paper;
      this.views = views;
    }
    return this.views;
  }

  /** Wraps stored columns after checking their shape and checksums; throws SnapshotError otherwise. */
  static fromData(data: unknown, abstracts = new AbstractChunks()): PaperColumns {
    if (typeof data !== 'object' || data === null) throw new SnapshotError('paper columns missing');
    const d = data as PaperColumnsData;
    const n = d.count;
    if (!Number.isInteger(n) || n < 0 || !(d.flags instanceof Uint8Array) || d.flags.length !== n) throw new SnapshotError('paper count or flags wrong');
    for (const k of STRING_COLUMNS) {
      if (k === 'dates' && d.datesFromNumbers === true && d.dates === undefined) continue;
      if (!columnFits(d[k], n)) throw new SnapshotError(`paper column ${k} does not fit`);
    }
    for (const k of LIST_COLUMNS) if (!listFits(d[k], n)) throw new SnapshotError(`paper column ${k} does not fit`);
    if (!(d.arxivOrder instanceof Uint32Array) || d.arxivOrder.length > n) throw new SnapshotError('arXiv id order does not fit');
    if (!(d.dateNumbers instanceof Int32Array) || d.dateNumbers.length !== n) throw new SnapshotError('date numbers do not fit');
    if (!madeHere.has(d)) {
      const sums = paperChecksums(d);
      for (const [k, v] of Object.entries(sums)) if (d.checksums?.[k] !== v) throw new SnapshotError(`paper column ${k}: checksum mismatch`);
    }
    return new PaperColumns(d, abstracts);
  }

  /** Columns just built here (paper-columns-builder.ts): their checksums were computed from them, so they are not hashed again. */
  static fromBuilt(d: Omit<PaperColumnsData, 'checksums'>, abstracts: AbstractChunks): PaperColumns {
    const data = { ...d, checksums: paperChecksums(d) };
    madeHere.add(data);
    return PaperColumns.fromData(data, abstracts);
  }

  get data(): PaperColumnsData {
    return this.d;
  }

  get dateNumbers(): Int32Array {
    return this.d.dateNumbers;
  }

  get length(): number {
    return this.d.count;
  }

  id(ord: number): string {
    return cell(this.d.ids, ord);
  }

  title(ord: number): string {
    return cell(this.d.titles, ord);
  }

  arxivId(ord: number): string | undefined {
    return (this.d.flags[ord] ?? 0) & HAS_ARXIV ? cell(this.d.arxivIds, ord) : undefined;
  }

  date(ord: number): string {
    const { dates } = this.d;
    return dates ? cell(dates, ord) : dateOfNumber(this.d.dateNumbers[ord] ?? 0);
  }

  /** The first paper (lowest ordinal) with this arXiv id, any version or spelling normalizeArxivId folds. */
  ordOfArxivId(id: string): number | undefined {
    const key = normalizeArxivId(id);
    const order = this.d.arxivOrder;
    const keyAt = (i: number) => normalizeArxivId(this.arxivId(order[i] ?? 0) ?? '');
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keyAt(mid) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo < order.length && keyAt(lo) === key ? order[lo] : undefined;
  }

  hasCode(ord: number): boolean {
    return ((this.d.flags[ord] ?? 0) & HAS_CODE) !== 0;
  }

  categories(ord: number): string[] {
    return list(this.d.categories, ord);
  }

  primaryCategory(ord: number): string | undefined {
    const { at } = this.d.categories;
    const k = at[ord] ?? 0;
    return k < (at[ord + 1] ?? 0) ? listItem(this.d.categories, k) : undefined;
  }

  authors(ord: number): string[] {
    return list(this.d.authors, ord);
  }

  affiliations(ord: number): string[] {
    return list(this.d.affiliations, ord);
  }

  sources(ord: number): string[] {
    return list(this.d.sources, ord);
  }

  flag(ord: number, bit: 'truncated' | 'codeUrl'): boolean {
    return ((this.d.flags[ord] ?? 0) & (bit === 'truncated' ? TRUNCATED : HAS_CODE_URL)) !== 0;
  }

  codeUrl(ord: number): string | undefined {
    return this.flag(ord, 'codeUrl') ? cell(this.d.codeUrls, ord) : undefined;
  }

  /** Forget materialized papers (after abstracts arrived: they were made with ''). */
  forgetPapers(): void {
    this.cache.clear();
  }

  paper(ord: number): Paper | undefined {
    if (!(ord >= 0 && ord < this.d.count)) return undefined;
    const cached = this.cache.get(ord);
    if (cached) return cached;
    const p = this.make(ord, this.abstracts.get(ord));
    if (!p || !this.abstracts.has(ord)) return p; // made with '': not kept
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(ord, p);
    return p;
  }

  /** The paper with abstract '', its abstract chunk neither read nor asked for. */
  paperWithoutAbstract(ord: number): Paper | undefined {
    if (!(ord >= 0 && ord < this.d.count)) return undefined;
    const cached = this.cache.get(ord);
    return cached ? { ...cached, abstract: '' } : this.make(ord, '');
  }

  private make(ord: number, abstract: string): Paper {
    const d = this.d;
    const flags = d.flags[ord] ?? 0;
    const arxivId = this.arxivId(ord);
    const p: Paper = {
      id: this.id(ord),
      ...(arxivId !== undefined ? { arxivId } : {}),
      title: this.title(ord),
      authors: list(d.authors, ord),
      authorsTruncated: (flags & TRUNCATED) !== 0,
      affiliations: list(d.affiliations, ord),
      categories: list(d.categories, ord),
      date: this.date(ord),
      abstract,
      hasCode: (flags & HAS_CODE) !== 0,
      ...(flags & HAS_CODE_URL ? { codeUrl: cell(d.codeUrls, ord) } : {}),
      sources: list(d.sources, ord),
    };
    return p;
  }
}
