import type { Author, Paper } from '../dataset/schema';
import { combineAuthor, combinePaper } from '../import/merge';
import { IndexBuilder } from '../index/build';
import { growU32 } from '../index/grow';
import { authorColumns } from '../index/author-columns';
import { hasTitleKey } from '../index/exact-title';
import { authorKey, normalizeTitle } from '../index/normalize';
import { PaperColumnsBuilder } from '../index/paper-columns-builder';
import { contentStats } from '../index/tf-idf';
import { derivedArrays, indexArrays } from '../index/index-arrays';
import { hashTitleKey, sortTitleHashes, titleHash } from '../index/title-hashes';
import type { IndexSnapshotData } from '../index/paper-index';
import { SNAPSHOT_FORMAT, type ServiceSnapshot } from './snapshot';

/**
 * The service's snapshot built from datasets read a chunk at a time, so
 * the papers of a large dataset are never all in memory as objects (at 1M
 * papers that was gigabytes): each chunk is tokenized into the index
 * builder and packed into columns, its abstracts handed out to be stored.
 *
 * Merging follows combine.ts (mergePapers over the datasets, oldest first),
 * with what the pass can know of an earlier paper (its arXiv id, title and
 * authors, from the columns). Merges are noted with where the paper came
 * from; when the pass is over, the caller reads those records again
 * (`mergeTargets`) and `applyMerges` folds them in as mergePapers would have.
 */

/** Where a paper's record is stored: the chunk it was read from and its position there. */
export interface ChunkRef {
  key: unknown;
  position: number;
}

/**
 * The title map's key of a title hash (hashTitleKey of the normalized
 * title): the map keeps numbers, not a million strings. 30 bits, so every
 * key is a small integer to V8 (a larger one is a heap number, allocated and
 * hashed as such); equal keys are told apart by the titles themselves
 * (findSame).
 */
const mapKey = (hash: number): number => hash & 0x3fffffff;

/** What a merge changed of the record at an ordinal, as later papers compare against it. */
interface MergedState {
  arxivId?: string;
  authors: readonly string[];
  truncated: boolean;
}

export class StreamBuild {
  private readonly index: IndexBuilder;
  private readonly columns: PaperColumnsBuilder;
  private readonly byArxiv = new Map<string, number>();
  private readonly byTitle = new Map<number, number | number[]>();
  /** Per ordinal: the chunk (index into chunkKeys) and the position in it. */
  private readonly chunkOf = growU32();
  private readonly positionOf = growU32();
  private readonly chunkKeys: unknown[] = [];
  /** Per ordinal: titleHash of its title, for the snapshot's title hashes (so the finish need not read the titles again). */
  private readonly titleHashes = growU32();
  /** Papers merged into an earlier ordinal, in the order met. */
  private readonly merges: { ord: number; paper: Paper }[] = [];
  private readonly state = new Map<number, MergedState>();
  private readonly authors: Author[] = [];
  /** Author id -> its first record in `authors` (mergeAuthors' rule). */
  private readonly authorAt = new Map<string, number>();
  private datasetId?: string;
  private datasetsSeen = 0;
  readonly mergedInto = new Map<string, number>();

  constructor(onAbstracts: (no: number, abstracts: string[]) => void, expected = 0) {
    this.index = new IndexBuilder(expected);
    this.columns = new PaperColumnsBuilder({ onAbstracts });
  }

  get size(): number {
    return this.columns.length;
  }

  /** The datasets come oldest first; papers of the first one are never merged (their ids are unique). */
  beginDataset(id: string): void {
    this.datasetId = id;
    this.datasetsSeen++;
    this.index.resetAuthorNumbers();
    this.mergedInto.set(id, 0);
  }

  /** Author records of the current dataset, merged by id into earlier ones as mergeAuthors does (the first dataset's are kept as they are). */
  addAuthors(authors: readonly Author[]): void {
    for (const b of authors) {
      const i = this.authorAt.get(b.id);
      const a = i === undefined ? undefined : this.authors[i];
      if (this.datasetsSeen > 1 && i !== undefined && a !== undefined) {
        this.authors[i] = combineAuthor(a, b);
        continue;
      }
      if (i === undefined) this.authorAt.set(b.id, this.authors.length);
      this.authors.push(b);
    }
  }

  /**
   * Numbers the current dataset's next authors, in the order an import
   * yielded them (src/import/arxiv-jsonl.ts): its papers' names can then
   * come as those numbers (addChunk's `refs`).
   */
  numberAuthors(authors: readonly Author[]): void {
    this.index.numberAuthors(authors.map((a) => a.id));
  }

  /**
   * One stored chunk of the current dataset's papers, in stored order.
   * `refs`: the author number of each paper's each name (numberAuthors), if
   * known; used only when they cover every name.
   */
  addChunk(key: unknown, papers: readonly Paper[], refs?: readonly number[]): void {
    const id = this.datasetId;
    if (id === undefined) throw new Error('beginDataset first');
    const chunk = this.chunkKeys.push(key) - 1;
    let names = 0;
    for (const p of papers) names += p.authors.length;
    const numbered = refs?.length === names ? refs : undefined;
    let from = 0;
    papers.forEach((p, position) => {
      const refsAt = from;
      from += p.authors.length;
      const title = normalizeTitle(p.title);
      const hash = hashTitleKey(title);
      const at = this.datasetsSeen === 1 ? undefined : this.findSame(p, hash, title);
      if (at !== undefined) {
        this.noteMerge(at, p);
        this.mergedInto.set(id, (this.mergedInto.get(id) ?? 0) + 1);
        return;
      }
      const ord = this.index.add(p, numbered, refsAt);
      this.columns.add(p);
      this.place(ord, chunk, position);
      this.titleHashes.set(ord, hash);
      if (p.arxivId && !this.byArxiv.has(p.arxivId)) this.byArxiv.set(p.arxivId, ord);
      const h = mapKey(hash);
      const list = this.byTitle.get(h);
      this.byTitle.set(h, list === undefined ? ord : typeof list === 'number' ? [list, ord] : [...list, ord]);
    });
  }

  /** Some of finish's work for the papers added so far, for a caller that has time now (IndexBuilder.prepareFinish). */
  prepareFinish(): void {
    this.index.prepareFinish();
  }

  private place(ord: number, chunk: number, position: number): void {
    this.chunkOf.set(ord, chunk);
    this.positionOf.set(ord, position);
  }

  /** mergePapers' rule: same arXiv id; or same normalized title, a shared author and no two different arXiv ids. */
  private findSame(p: Paper, hash: number, title: string): number | undefined {
    if (p.arxivId !== undefined) {
      const at = this.byArxiv.get(p.arxivId);
      if (at !== undefined) return at;
    }
    const list = this.byTitle.get(mapKey(hash));
    if (list === undefined) return undefined;
    const keys = new Set(p.authors.map(authorKey).filter(Boolean));
    for (const ord of typeof list === 'number' ? [list] : list) {
      if (!hasTitleKey(this.columns.titleAt(ord), title)) continue;
      const q = this.current(ord);
      if (q.arxivId && p.arxivId && q.arxivId !== p.arxivId) continue;
      if (q.authors.some((n) => keys.has(authorKey(n)))) return ord;
    }
    return undefined;
  }

  private current(ord: number): MergedState {
    return this.state.get(ord) ?? { arxivId: this.columns.arxivIdAt(ord), authors: this.columns.authorsAt(ord), truncated: this.columns.truncatedAt(ord) };
  }

  /** Remembers the merge, and what later papers compare against (combinePaper's arXiv id and author choice). */
  private noteMerge(ord: number, p: Paper): void {
    this.merges.push({ ord, paper: p });
    const a = this.current(ord);
    const useB = (a.truncated && !p.authorsTruncated) || (a.truncated === p.authorsTruncated && p.authors.length > a.authors.length);
    const arxivId = a.arxivId ?? p.arxivId;
    this.state.set(ord, { ...(arxivId ? { arxivId } : {}), authors: useB ? p.authors : a.authors, truncated: useB ? p.authorsTruncated : a.truncated });
    if (arxivId && !this.byArxiv.has(arxivId)) this.byArxiv.set(arxivId, ord);
  }

  /** The stored records the merges need (read them, then applyMerges). */
  mergeTargets(): { ord: number; ref: ChunkRef }[] {
    const ords = [...new Set(this.merges.map((m) => m.ord))].sort((a, b) => a - b);
    return ords.map((ord) => ({ ord, ref: { key: this.chunkKeys[this.chunkOf.data[ord] ?? 0], position: this.positionOf.data[ord] ?? 0 } }));
  }

  /**
   * Folds each merged paper into its target's stored record, in the order
   * met. Returns the abstracts that changed in chunks already handed out.
   */
  applyMerges(records: ReadonlyMap<number, Paper>): Map<number, string> {
    const merged = new Map<number, Paper>();
    for (const { ord, paper } of this.merges) {
      const base = merged.get(ord) ?? records.get(ord);
      if (!base) throw new Error(`the record at ordinal ${ord} could not be read again`);
      merged.set(ord, combinePaper(base, paper));
    }
    for (const [ord, p] of merged) {
      this.index.replace(ord, p);
      this.columns.replace(ord, p);
      this.titleHashes.set(ord, titleHash(p.title));
    }
    return this.columns.abstractPatches;
  }

  /** The snapshot record (see snapshot.ts); the abstracts were handed out on the way. */
  finish(abstractsKey: string): ServiceSnapshot {
    const { terms, graph } = this.index.finish(this.authors);
    const papers = this.columns.finish();
    const titles = sortTitleHashes(this.titleHashes.data.subarray(0, papers.length));
    const data: IndexSnapshotData = { index: indexArrays(terms, contentStats(terms), graph, derivedArrays(terms, graph, titles)), papers: papers.data, authors: authorColumns(this.authors) };
    return { format: SNAPSHOT_FORMAT, index: data, abstractsKey, mergedInto: [...this.mergedInto], totals: { papers: papers.length, authors: this.authors.length } };
  }
}
