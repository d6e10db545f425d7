/**
 * Which record answers for a paper, and how a paper is found: by ordinal,
 * id, arXiv id or exact title, a record learned from a page (learn()) over
 * the table's. Apart from PaperIndex, which asks these in every answer, so
 * the lookups and the maps they make on first use (paper-ordinals.ts,
 * title-hashes.ts) read in one place.
 */
import type { Paper } from '../dataset/schema';
import { hasTitleKey } from './exact-title';
import { normalizeArxivId, normalizeTitle } from './normalize';
import { PaperColumns, type PaperTable } from './paper-columns';
import { PaperView } from './paper-view';
import { PaperOrdinals } from './paper-ordinals';
import { buildTitleHashes, ordsWithKeyHash, type TitleHashes } from './title-hashes';

export class PaperRecords {
  /** Records learned from pages since the build (learn()): ordinal -> the learned record. */
  private readonly learnedByOrd = new Map<number, Paper>();
  /** Normalized arXiv id -> ordinal, for the learned records that have one. */
  private readonly learnedArxiv = new Map<string, number>();
  private ordinalsCache?: PaperOrdinals;

  constructor(
    private readonly table: PaperTable,
    /** Ordinals by title hash, for the exact-title match: made with the build, or from the snapshot. */
    private titleHashCache?: TitleHashes,
  ) {}

  /** Makes each record the one answers return for its paper (see PaperIndex.learn); a paper not in the table is ignored. */
  learn(papers: readonly Paper[]): void {
    for (const p of papers) {
      const ord = this.ordinalOf(p);
      if (ord === undefined) continue;
      this.learnedByOrd.set(ord, p);
      if (p.arxivId !== undefined) this.learnedArxiv.set(normalizeArxivId(p.arxivId), ord);
    }
  }

  /** The learned records by ordinal (coauthorsOf counts their authors in, learned-coauthors.ts). */
  get learned(): ReadonlyMap<number, Paper> {
    return this.learnedByOrd;
  }

  /**
   * The paper's position in what the index was built from (the merged
   * datasets, oldest first). Found through its title's hash (title-hashes.ts):
   * the id map costs ~30 ms to build over 75k snapshot columns, on the first
   * learned page and on each wake with learned records.
   */
  ordinalOf(paper: Pick<Paper, 'id' | 'title'>): number | undefined {
    const key = normalizeTitle(paper.title);
    const byTitle = key === '' ? undefined : this.titleOrds(key).find((o) => this.table.id(o) === paper.id);
    return byTitle ?? this.ordinals.ofId(paper.id);
  }

  /**
   * The record at an ordinal: the learned one if any, else the table's
   * (made without reading its abstract chunk when `abstract` is false).
   */
  paperOf(ord: number, abstract = true): Paper | undefined {
    const learned = this.learnedByOrd.get(ord);
    if (learned) return learned;
    return !abstract && this.table instanceof PaperColumns ? this.table.paperWithoutAbstract(ord) : this.table.paper(ord);
  }

  /**
   * Title and arXiv id of each paper, for lists the UI shows without another
   * request (coauthors' joint papers). Reads no abstract: making whole
   * papers here had a woken worker read an abstract chunk per joint paper.
   */
  paperRefs(ids: readonly string[]): { id: string; title: string; arxivId?: string }[] {
    return ids.flatMap((id) => {
      const ord = this.ordinals.ofId(id);
      if (ord === undefined) return [];
      const learned = this.learnedByOrd.get(ord);
      const arxivId = learned ? learned.arxivId : this.table.arxivId(ord);
      return [{ id, title: learned?.title ?? this.table.title(ord), ...(arxivId ? { arxivId } : {}) }];
    });
  }

  ordOfArxivId(id: string): number | undefined {
    const learned = this.learnedByOrd.size === 0 ? undefined : this.learnedArxiv.get(normalizeArxivId(id));
    return learned ?? this.ordinals.ofArxivId(id);
  }

  /** A paper to return, remembering its id (paper-ordinals.ts). */
  paperAt(ord: number, abstract = true): Paper | undefined {
    const p = this.paperOf(ord, abstract);
    if (p) this.ordinals.remember(p.id, ord);
    return p;
  }

  get titleHashes(): TitleHashes {
    return (this.titleHashCache ??= buildTitleHashes(this.table.length, (ord) => this.table.title(ord)));
  }

  /** Papers whose normalized title is `key`, ascending: the title's hash, each candidate's title compared (title-hashes.ts). */
  titleOrds(key: string): readonly number[] {
    return ordsWithKeyHash(this.titleHashes, key).filter((ord) => hasTitleKey(this.table.title(ord), key));
  }

  /**
   * A real Paper for what an inner module returned (a PaperView when papers
   * are columns). Without its abstract when `abstract` is false (made
   * without asking for its chunk: a list that shows no abstract does not
   * carry 30 of them).
   */
  real(p: Paper, abstract = true): Paper {
    const full = p instanceof PaperView ? this.paperAt(p.ord, abstract) : this.learnedOr(p);
    if (!full) return p;
    return abstract || full.abstract === '' ? full : { ...full, abstract: '' };
  }

  private learnedOr(p: Paper): Paper {
    if (this.learnedByOrd.size === 0) return p;
    const ord = this.ordinals.ofId(p.id);
    return (ord === undefined ? undefined : this.learnedByOrd.get(ord)) ?? p;
  }

  /** The id of the paper at `ord`, remembered (paper-ordinals.ts): coauthors list papers by id, and their titles are asked next. */
  idAt(ord: number): string {
    const id = this.table.id(ord);
    this.ordinals.remember(id, ord);
    return id;
  }

  /** Id and arXiv id -> ordinal, made on first use. */
  get ordinals(): PaperOrdinals {
    return (this.ordinalsCache ??= new PaperOrdinals(this.table));
  }
}
