/**
 * Paper columns (paper-columns.ts) built a paper at a time, for builds that
 * read the datasets a chunk at a time (src/background/stream-build.ts).
 * Abstracts are the bulk of the text: given `onAbstracts`, each full chunk
 * of ABSTRACT_CHUNK is handed out as soon as it is complete (to be stored)
 * and not kept; otherwise they are kept for the caller.
 */
import type { Paper } from '../dataset/schema';
import { ABSTRACT_CHUNK, AbstractChunks } from './abstract-chunks';
import { ListColumnBuilder, StringColumnBuilder } from './column-builder';
import { Grow, growU32 } from './grow';
import { normalizeArxivId } from './normalize';
import { HAS_ARXIV, HAS_CODE, HAS_CODE_URL, PaperColumns, TRUNCATED } from './paper-columns';
import { dateNumber } from './topk';

export interface PaperColumnsBuilderOptions {
  /** Receives abstracts ABSTRACT_CHUNK papers at a time, in order; the builder keeps none. */
  onAbstracts?: (no: number, abstracts: string[]) => void;
}

const flagsOf = (p: Paper): number =>
  (p.hasCode ? HAS_CODE : 0) | (p.authorsTruncated ? TRUNCATED : 0) | (p.arxivId !== undefined ? HAS_ARXIV : 0) | (p.codeUrl !== undefined ? HAS_CODE_URL : 0);

export class PaperColumnsBuilder {
  private readonly flags = new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly ids = new StringColumnBuilder();
  private readonly arxivIds = new StringColumnBuilder();
  private readonly titles = new StringColumnBuilder();
  private readonly dates = new StringColumnBuilder();
  private readonly codeUrls = new StringColumnBuilder();
  private readonly authors = new ListColumnBuilder();
  private readonly affiliations = new ListColumnBuilder();
  private readonly categories = new ListColumnBuilder();
  private readonly sources = new ListColumnBuilder();
  /** dateNumber per paper, stored unsigned while growing (reinterpreted at finish). */
  private readonly dateNumbers = growU32();
  private readonly kept = new AbstractChunks();
  private pendingAbstracts: string[] = [];
  /** Abstracts changed by replace() after their chunk was handed out. */
  readonly abstractPatches = new Map<number, string>();

  constructor(private readonly options: PaperColumnsBuilderOptions = {}) {}

  get length(): number {
    return this.ids.length;
  }

  add(p: Paper): number {
    const ord = this.length;
    this.flags.push(flagsOf(p));
    this.ids.push(p.id);
    this.arxivIds.push(p.arxivId ?? '');
    this.titles.push(p.title);
    this.dates.push(p.date);
    this.codeUrls.push(p.codeUrl ?? '');
    this.authors.push(p.authors);
    this.affiliations.push(p.affiliations);
    this.categories.push(p.categories);
    this.sources.push(p.sources);
    this.dateNumbers.push(dateNumber(p.date) >>> 0);
    this.pendingAbstracts.push(p.abstract);
    if (this.pendingAbstracts.length === ABSTRACT_CHUNK) this.flushAbstracts();
    return ord;
  }

  /** The paper at `ord` is now `p` (its id must stay: ids are what answers and learning find it by). */
  replace(ord: number, p: Paper): void {
    if (!(ord >= 0 && ord < this.length)) throw new RangeError(`no paper at ordinal ${ord}`);
    this.flags.data[ord] = flagsOf(p);
    this.ids.set(ord, p.id);
    this.arxivIds.set(ord, p.arxivId ?? '');
    this.titles.set(ord, p.title);
    this.dates.set(ord, p.date);
    this.codeUrls.set(ord, p.codeUrl ?? '');
    this.authors.set(ord, p.authors);
    this.affiliations.set(ord, p.affiliations);
    this.categories.set(ord, p.categories);
    this.sources.set(ord, p.sources);
    this.dateNumbers.data[ord] = dateNumber(p.date) >>> 0;
    const no = Math.floor(ord / ABSTRACT_CHUNK);
    const pendingFrom = this.length - this.pendingAbstracts.length;
    if (ord >= pendingFrom) this.pendingAbstracts[ord - pendingFrom] = p.abstract;
    else if (this.options.onAbstracts) this.abstractPatches.set(ord, p.abstract);
    else this.kept.add(no, this.kept.chunk(no).map((a, i) => (no * ABSTRACT_CHUNK + i === ord ? p.abstract : a)));
  }

  /** What is known of the paper at `ord` for merging (no abstract: it may be stored already). */
  arxivIdAt(ord: number): string | undefined {
    return ((this.flags.data[ord] ?? 0) & HAS_ARXIV) !== 0 ? this.arxivIds.get(ord) : undefined;
  }

  authorsAt(ord: number): readonly string[] {
    return this.authors.get(ord);
  }

  titleAt(ord: number): string {
    return this.titles.get(ord);
  }

  truncatedAt(ord: number): boolean {
    return ((this.flags.data[ord] ?? 0) & TRUNCATED) !== 0;
  }

  private flushAbstracts(): void {
    const no = Math.floor((this.length - 1) / ABSTRACT_CHUNK);
    if (this.options.onAbstracts) this.options.onAbstracts(no, this.pendingAbstracts);
    else this.kept.add(no, this.pendingAbstracts);
    this.pendingAbstracts = [];
  }

  /** The columns, and the abstracts when they were kept. */
  finish(): PaperColumns {
    if (this.pendingAbstracts.length) this.flushAbstracts();
    const count = this.length;
    const arxiv: { key: string; ord: number }[] = [];
    for (let ord = 0; ord < count; ord++) {
      const id = this.arxivIdAt(ord);
      if (id !== undefined) arxiv.push({ key: normalizeArxivId(id), ord });
    }
    arxiv.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.ord - b.ord));
    const data = {
      count,
      flags: this.flags.data.slice(0, count),
      ids: this.ids.finish(),
      arxivIds: this.arxivIds.finish(),
      titles: this.titles.finish(),
      dates: this.dates.finish(),
      codeUrls: this.codeUrls.finish(),
      authors: this.authors.finish(),
      affiliations: this.affiliations.finish(),
      categories: this.categories.finish(),
      sources: this.sources.finish(),
      arxivOrder: Uint32Array.from(arxiv, (k) => k.ord),
      dateNumbers: new Int32Array(this.dateNumbers.data.buffer.slice(0, count * 4)),
    };
    return PaperColumns.fromBuilt(data, this.options.onAbstracts ? new AbstractChunks() : this.kept);
  }
}

export function buildPaperColumns(papers: readonly Paper[]): PaperColumns {
  const b = new PaperColumnsBuilder();
  for (const p of papers) b.add(p);
  return b.finish();
}
