/**
 * The per-paper accumulators a search writes into (search-scan.ts walks,
 * search.ts selects): dense typed arrays over every paper, made on an index's
 * first search and reused by the next. A generation stamp per paper says
 * which entries the current search and token wrote, so nothing is cleared
 * between searches (only when the stamps wrap). Apart so search-scan.ts
 * holds the walk alone.
 */

/** Reusable per-index scratch arrays (one search at a time: JS is single-threaded). */
export class Scratch {
  readonly score: Float64Array;
  readonly tok: Float64Array;
  readonly stamp: Uint32Array;
  readonly tokStamp: Uint32Array;
  readonly cand: Uint32Array;
  /** The papers the last token's walk reached, in the order it reached them (a subset of cand). */
  readonly hits: Uint32Array;
  /** Per paper, the best-scoring term of the widest prefix token (see matchedTerms). */
  readonly bestTerm: Uint32Array;
  gen = 0;
  constructor(n: number) {
    this.score = new Float64Array(n);
    this.tok = new Float64Array(n);
    this.stamp = new Uint32Array(n);
    this.tokStamp = new Uint32Array(n);
    this.cand = new Uint32Array(n);
    this.hits = new Uint32Array(n);
    this.bestTerm = new Uint32Array(n);
  }
  next(): number {
    if (this.gen >= 0xfffffff0) {
      this.stamp.fill(0);
      this.tokStamp.fill(0);
      this.gen = 0;
    }
    return ++this.gen;
  }
}
