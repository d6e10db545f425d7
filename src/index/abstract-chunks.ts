/** Papers per stored abstract chunk: an answer's 30-50 papers cost that many small reads, not 100 MB. */
export const ABSTRACT_CHUNK = 64;

/**
 * Abstracts are the bulk of the data (100M characters at 75k) and few
 * answers show them, so they are stored apart in chunks and read on demand:
 * a chunk not loaded yet reads as '' and is noted in `missing`; the service
 * loads the missing chunks and answers again (atlas-service.ts).
 */
export class AbstractChunks {
  private readonly chunks = new Map<number, readonly string[]>();
  readonly missing = new Set<number>();

  has(ord: number): boolean {
    return this.chunks.has(Math.floor(ord / ABSTRACT_CHUNK));
  }

  get(ord: number): string {
    const no = Math.floor(ord / ABSTRACT_CHUNK);
    const chunk = this.chunks.get(no);
    if (!chunk) this.missing.add(no);
    return chunk?.[ord % ABSTRACT_CHUNK] ?? '';
  }

  /** A loaded chunk, or [] when it is not loaded. */
  chunk(no: number): readonly string[] {
    return this.chunks.get(no) ?? [];
  }

  /** The chunks of a table of `papers` papers not loaded yet, in order. */
  unloaded(papers: number): number[] {
    const out: number[] = [];
    for (let no = 0; no * ABSTRACT_CHUNK < papers; no++) if (!this.chunks.has(no)) out.push(no);
    return out;
  }

  add(no: number, chunk: readonly string[]): void {
    this.chunks.set(no, chunk);
    this.missing.delete(no);
  }

  /** Every chunk, in order (for writing the snapshot right after a build). */
  all(): (readonly string[])[] {
    return [...this.chunks.keys()].sort((a, b) => a - b).map((n) => this.chunks.get(n) ?? []);
  }
}
