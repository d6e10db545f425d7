/**
 * Paper id or arXiv id -> ordinal, for PaperRecords (paper-records.ts). The maps over every
 * paper are built on first use only (~30 ms over 75k snapshot columns): the
 * id asked for is usually of a paper just handed out (the matched paper,
 * excluded from its own related list; a coauthor's joint paper whose title
 * is asked next), so those are remembered first.
 */
import { normalizeArxivId } from './normalize';
import { PaperColumns, type PaperTable } from './paper-columns';

/** Papers handed out that are remembered before the full id map is built. */
const RECENT_IDS = 4096;

export class PaperOrdinals {
  private readonly recent = new Map<string, number>();
  private idMap?: Map<string, number>;
  private arxivMap?: Map<string, number>;

  constructor(private readonly table: PaperTable) {}

  /**
   * Notes that the paper at `ord` was handed out with this id. Snapshot
   * columns only: their ids are unique (the merge made them so), while a
   * built array may list an id twice, and then the first ordinal must win.
   */
  remember(id: string, ord: number): void {
    if (!(this.table instanceof PaperColumns) || this.recent.has(id)) return;
    if (this.recent.size >= RECENT_IDS) this.recent.clear();
    this.recent.set(id, ord);
  }

  /** The ordinal of the paper with this id (the first, in a built array). */
  ofId(id: string): number | undefined {
    const recent = this.recent.get(id);
    if (recent !== undefined) return recent;
    if (!this.idMap) {
      const m = new Map<string, number>();
      for (let ord = 0; ord < this.table.length; ord++) {
        const id = this.table.id(ord);
        if (!m.has(id)) m.set(id, ord);
      }
      this.idMap = m;
    }
    return this.idMap.get(id);
  }

  /** The ordinal of the paper with this arXiv id, any version or prefix (columns keep a sorted index of them). */
  ofArxivId(id: string): number | undefined {
    if (this.table instanceof PaperColumns) return this.table.ordOfArxivId(id);
    if (!this.arxivMap) {
      const m = new Map<string, number>();
      for (let ord = 0; ord < this.table.length; ord++) {
        const id = this.table.arxivId(ord);
        if (id === undefined) continue;
        const key = normalizeArxivId(id);
        if (!m.has(key)) m.set(key, ord);
      }
      this.arxivMap = m;
    }
    return this.arxivMap.get(normalizeArxivId(id));
  }
}
