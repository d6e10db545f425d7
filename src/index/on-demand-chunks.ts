/**
 * What a woken index reads from the store as its answers need it: abstract
 * chunks (abstract-chunks.ts) and posting chunks (posting-chunks.ts). Apart
 * from PaperIndex because it is the other side of the service's answer loop
 * (src/background/reads.ts: take what an answer missed, read it, add it,
 * answer again), not part of any answer. After a build nothing is missing.
 */
import { PaperColumns, type PaperTable } from './paper-columns';
import { postingChunkChecksum, type PostingChunks } from './posting-chunks';
import { IndexLoadError } from './serialize';
import type { TermIndex } from './term-index';

export class OnDemandChunks {
  constructor(
    private readonly table: PaperTable,
    private readonly terms: TermIndex,
    /** Where the postings are stored when a snapshot left them apart. */
    private readonly postings?: PostingChunks,
  ) {}

  /** Abstract chunks the answers since the last call wanted but were not loaded (always none after a build). */
  takeMissingAbstracts(): number[] {
    if (!(this.table instanceof PaperColumns)) return [];
    const out = [...this.table.abstracts.missing].sort((a, b) => a - b);
    this.table.abstracts.missing.clear();
    return out;
  }

  /**
   * Whether an answer made now has noted chunks it missed (abstracts or
   * postings) that were not taken yet: the service will read them and ask
   * again, so the rest of this answer can be skipped.
   */
  get missesChunks(): boolean {
    return (this.table instanceof PaperColumns && this.table.abstracts.missing.size > 0) || this.terms.missesChunks;
  }

  /** The key the postings chunks are stored under, when they are read on demand. */
  get postingsKey(): string | undefined {
    return this.postings?.key;
  }

  /** Posting chunks the answers since the last call needed but were not loaded. */
  takeMissingPostings(): number[] {
    return this.terms.takeMissingPostings();
  }

  /** Posting chunks never loaded (read in the background after the first answers). */
  unloadedPostings(): number[] {
    return this.terms.unloadedChunks();
  }

  /**
   * Hands over posting chunks read from the store; throws IndexLoadError
   * when one is gone, does not fit or fails its checksum (the snapshot is
   * then rebuilt). Answers made before them are stale.
   */
  addPostings(chunks: readonly { no: number; chunk: unknown }[]): void {
    for (const { no, chunk } of chunks) {
      const c = chunk as { posts?: unknown } | undefined;
      if (!(c?.posts instanceof Uint32Array)) throw new IndexLoadError('shape', `posting chunk ${no} missing`);
      if (postingChunkChecksum(c.posts) !== this.postings?.checksums[no]) throw new IndexLoadError('shape', `posting chunk ${no}: checksum mismatch`);
      if (!this.terms.addPostings(no, c.posts)) throw new IndexLoadError('shape', `posting chunk ${no} does not fit`);
    }
  }

  /** Abstract chunks never loaded (none after a build). */
  unloadedAbstracts(): number[] {
    return this.table instanceof PaperColumns ? this.table.abstracts.unloaded(this.table.length) : [];
  }

  /** Hands over abstract chunks read from the snapshot; answers made before them are stale. */
  addAbstracts(chunks: readonly { no: number; abstracts: readonly string[] }[]): void {
    if (!(this.table instanceof PaperColumns)) return;
    for (const c of chunks) this.table.abstracts.add(c.no, c.abstracts);
    this.table.forgetPapers();
  }
}
