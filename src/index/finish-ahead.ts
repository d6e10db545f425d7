/**
 * The index build's finishing work done ahead, while the build waits for
 * more papers (an import's next batch): after the last batch only a small
 * remainder is left. Both give exactly what the one-shot finish gives.
 *
 * - VocabOrder (vocab-order.ts) keeps the vocabulary sorted as terms come:
 *   a finish sorts only the terms met since the last update (sorting the
 *   75k sample's 213k terms at once took ~250 ms in Node, twice that in the
 *   browser worker).
 * - PostingBatches (here) groups each batch's postings by term, packed, and
 *   lets the builder drop that part of its token stream: a finish copies
 *   each term's run per batch (~60 ms for the sample) instead of scattering
 *   every posting (~300 ms), and the stream never holds more than a batch.
 */
/** Where the builder keeps each paper's (latest) postings: term ids and codes, segment [start[ord], end[ord]). */
export interface TokenStream {
  terms: Uint32Array;
  codes: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
}

/** The postings of papers from .. to - 1, by term: run i is term terms[i], posts[ends[i - 1] .. ends[i]), ord * 256 + code, ords ascending. */
interface Batch {
  from: number;
  to: number;
  terms: Uint32Array;
  ends: Uint32Array;
  posts: Uint32Array;
  /** Holds a paper replaced since (see replace). */
  replaced: boolean;
}

export class PostingBatches {
  private readonly batches: Batch[] = [];
  /** Papers 0 .. done - 1 are in batches. */
  done = 0;
  /** Per ordinal below done: 1 when replaced since its batch was made (its postings there are obsolete). */
  private dead?: Uint8Array;
  private count = new Uint32Array(1024);
  /** df at the last take. */
  private lastDf = new Uint32Array(0);

  get anyReplaced(): boolean {
    return this.dead !== undefined;
  }

  isReplaced(ord: number): boolean {
    return this.dead?.[ord] === 1;
  }

  /**
   * Groups papers done .. docs - 1 by term (their segments in `s`). `df`:
   * the document frequencies of terms 0 .. termCount - 1, which have grown
   * by these papers' postings since the last call, unless a paper of an
   * earlier batch was replaced (its new segment is counted, not in these).
   */
  take(s: TokenStream, docs: number, df: Uint32Array, termCount: number): void {
    const from = this.done;
    if (docs === from) return;
    if (this.count.length < termCount) this.count = new Uint32Array(Math.max(termCount, this.count.length * 2));
    const { count, lastDf } = this;
    const seen: number[] = [];
    if (this.dead) {
      for (let ord = from; ord < docs; ord++) {
        for (let p = s.start[ord] ?? 0, end = s.end[ord] ?? 0; p < end; p++) {
          const id = s.terms[p] ?? 0;
          if ((count[id] = (count[id] ?? 0) + 1) === 1) seen.push(id);
        }
      }
    } else {
      // Counted by what df gained: a pass over the terms instead of one over the postings.
      for (let id = 0; id < termCount; id++) {
        const c = (df[id] ?? 0) - (lastDf[id] ?? 0);
        if (c === 0) continue;
        count[id] = c;
        seen.push(id);
      }
    }
    this.lastDf = df.slice(0, termCount);
    const terms = Uint32Array.from(seen);
    const ends = new Uint32Array(terms.length);
    let total = 0;
    // count becomes each term's next free place, then is cleared for the next batch.
    for (let i = 0; i < terms.length; i++) {
      const id = terms[i] ?? 0;
      const c = count[id] ?? 0;
      count[id] = total;
      total += c;
      ends[i] = total;
    }
    const posts = new Uint32Array(total);
    for (let ord = from; ord < docs; ord++) {
      for (let p = s.start[ord] ?? 0, end = s.end[ord] ?? 0; p < end; p++) {
        const id = s.terms[p] ?? 0;
        const at = count[id] ?? 0;
        count[id] = at + 1;
        posts[at] = ord * 256 + (s.codes[p] ?? 0);
      }
    }
    for (const id of terms) count[id] = 0;
    this.batches.push({ from, to: docs, terms, ends, posts, replaced: false });
    this.done = docs;
  }

  /**
   * Paper `ord` (below done) has a new segment: its batch postings no longer
   * count. The document frequencies they added are taken off at the finish
   * (subtractReplaced), which merges the new segment in.
   */
  replace(ord: number): void {
    if (!this.dead || this.dead.length < this.done) {
      const dead = new Uint8Array(this.done);
      if (this.dead) dead.set(this.dead);
      this.dead = dead;
    }
    this.dead[ord] = 1;
    // The batch holding ord: the last one starting at or before it (a merge can replace 100k papers, in 500 batches at 1M).
    let lo = 0;
    let hi = this.batches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.batches[mid]?.from ?? 0) <= ord) lo = mid;
      else hi = mid - 1;
    }
    const b = this.batches[lo];
    if (b && ord >= b.from && ord < b.to) b.replaced = true;
  }

  /** Drops the batches (the finish copied them; at 1M papers they are ~450 MB). */
  release(): void {
    this.batches.length = 0;
    this.dead = undefined;
    this.lastDf = new Uint32Array(0);
    this.count = new Uint32Array(0);
  }

  /** Takes the replaced papers' batch postings off `df`. */
  subtractReplaced(df: Uint32Array): void {
    const { dead } = this;
    if (!dead) return;
    for (const b of this.batches) {
      if (!b.replaced) continue;
      this.eachRun(b, (id, lo, hi) => {
        for (let p = lo; p < hi; p++) if (dead[(b.posts[p] ?? 0) >>> 8] === 1) df[id] = (df[id] ?? 0) - 1;
      });
    }
  }

  /** Writes every batch's postings to `out` at each term's cursor (moved on), batch after batch. */
  gather(out: Uint32Array, cursor: Uint32Array, s: TokenStream): void {
    for (const b of this.batches) {
      if (b.replaced) {
        this.gatherReplaced(b, out, cursor, s);
        continue;
      }
      const { terms, ends, posts } = b;
      let from = 0;
      for (let i = 0; i < terms.length; i++) {
        const id = terms[i] ?? 0;
        const to = ends[i] ?? 0;
        let at = cursor[id] ?? 0;
        for (let p = from; p < to; p++) out[at++] = posts[p] ?? 0;
        cursor[id] = at;
        from = to;
      }
    }
  }

  /** A batch with replaced papers: each run without them, their new segments merged in by ordinal. */
  private gatherReplaced(b: Batch, out: Uint32Array, cursor: Uint32Array, s: TokenStream): void {
    const dead = this.dead ?? new Uint8Array(0);
    const fresh = new Map<number, number[]>();
    for (let ord = b.from; ord < b.to; ord++) {
      if (dead[ord] !== 1) continue;
      for (let p = s.start[ord] ?? 0, end = s.end[ord] ?? 0; p < end; p++) {
        const id = s.terms[p] ?? 0;
        const list = fresh.get(id) ?? [];
        if (list.length === 0) fresh.set(id, list);
        list.push(ord * 256 + (s.codes[p] ?? 0));
      }
    }
    const write = (id: number, lo: number, hi: number): void => {
      const add = fresh.get(id) ?? [];
      fresh.delete(id);
      let at = cursor[id] ?? 0;
      let j = 0;
      for (let p = lo; p < hi; p++) {
        const v = b.posts[p] ?? 0;
        if (dead[v >>> 8] === 1) continue;
        while (j < add.length && (add[j] ?? 0) < v) out[at++] = add[j++] ?? 0;
        out[at++] = v;
      }
      while (j < add.length) out[at++] = add[j++] ?? 0;
      cursor[id] = at;
    };
    this.eachRun(b, write);
    for (const id of [...fresh.keys()]) write(id, 0, 0);
  }

  private eachRun(b: Batch, f: (id: number, lo: number, hi: number) => void): void {
    let from = 0;
    for (let i = 0; i < b.terms.length; i++) {
      const to = b.ends[i] ?? 0;
      f(b.terms[i] ?? 0, from, to);
      from = to;
    }
  }
}
