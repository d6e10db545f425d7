/**
 * The index build in one pass over the papers: every title and abstract is
 * tokenized once into interned term ids (intern.ts), author names are keyed
 * once per distinct name (author-build.ts), and both the inverted index and
 * the author graph come out as typed arrays. No per-paper or per-term JS
 * arrays or Maps on the hot path.
 *
 * `IndexBuilder` takes papers as they come (a chunk read from IndexedDB, a
 * batch of an import), so a dataset never has to be in memory at once, and
 * can `replace` a paper already added (a later dataset merged into it): its
 * new tokens go to the end of the stream and the scatter reads each paper's
 * latest segment. Between batches, `prepareFinish` does part of the finish
 * ahead (finish-ahead.ts): the postings so far leave the stream grouped by
 * term, so the stream holds about one batch.
 */
import type { Author, Paper } from '../dataset/schema';
import { AuthorGraphBuilder, type AuthorGraphData } from './author-build';
import { Grow, growU32 } from './grow';
import { PostingBatches, type TokenStream } from './finish-ahead';
import { VocabOrder } from './vocab-order';
import { TermTable } from './intern';
import { encodePosting, MAX_PAPERS, TermIndex } from './term-index';

/** Per-term counters of the paper being tokenized, reset lazily by a stamp. */
class DocCounts {
  stamp = new Int32Array(1024);
  title = new Uint8Array(1024);
  abstract = new Uint8Array(1024);
  authors = new Uint8Array(1024);
  ids = new Uint32Array(1024);
  n = 0;
  doc = 0;

  touch(id: number): void {
    if (id >= this.stamp.length) this.grow(id);
    if (this.stamp[id] === this.doc) return;
    this.stamp[id] = this.doc;
    this.title[id] = 0;
    this.abstract[id] = 0;
    this.authors[id] = 0;
    if (this.n === this.ids.length) {
      const next = new Uint32Array(this.n * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.n++] = id;
  }

  private grow(id: number): void {
    const m = Math.max(id + 1, this.stamp.length * 2);
    const stamp = new Int32Array(m);
    stamp.set(this.stamp);
    this.stamp = stamp;
    for (const f of ['title', 'abstract', 'authors'] as const) {
      const next = new Uint8Array(m);
      next.set(this[f]);
      this[f] = next;
    }
  }
}

export interface BuiltIndex {
  terms: TermIndex;
  graph: AuthorGraphData;
}

export class IndexBuilder {
  private readonly table = new TermTable();
  private readonly graph = new AuthorGraphBuilder();
  private readonly counts = new DocCounts();
  private df = new Uint32Array(1024);
  private readonly streamTerms: Grow<Uint32Array>;
  private readonly streamCodes: Grow<Uint8Array>;
  /** Per ordinal: where its (latest) segment of the stream starts and ends. */
  private readonly docStart = growU32();
  private readonly docEnd = growU32();
  // Author terms per raw author key, cached: a name's terms are the tokens of its key.
  private keyTermStart = new Int32Array(1024).fill(-1);
  private readonly keyTerms = growU32();
  private readonly keyTermEnd: number[] = [];
  private docs = 0;
  private finished = false;
  /** Finishing work done ahead (prepareFinish). */
  private readonly vocab = new VocabOrder();
  private readonly batches = new PostingBatches();

  /** `expected`: papers to come, if known (sizes the stream once). */
  constructor(expected = 0) {
    const estimate = Math.max(1024, expected * 80);
    this.streamTerms = new Grow(new Uint32Array(estimate), (n) => new Uint32Array(n));
    this.streamCodes = new Grow(new Uint8Array(estimate), (n) => new Uint8Array(n));
  }

  /** Papers added so far (the next one gets this ordinal). */
  get size(): number {
    return this.docs;
  }

  /**
   * Adds a paper at the next ordinal. `refs`: its names' author numbers
   * (see numberAuthors) at refs[from], refs[from + 1], ..., if known.
   */
  add(paper: Paper, refs?: ArrayLike<number>, from = 0): number {
    const ord = this.docs++;
    this.tokenize(ord, paper, refs, from);
    return ord;
  }

  /** The next author numbers' keys (AuthorGraphBuilder.number). */
  numberAuthors(keys: readonly string[]): void {
    this.graph.number(keys);
  }

  /** A new dataset: its authors are numbered from 0. */
  resetAuthorNumbers(): void {
    this.graph.resetNumbers();
  }

  /** The paper at `ord` is now `paper` (same ordinal; what the old record contributed is dropped). */
  replace(ord: number, paper: Paper): void {
    if (!(ord >= 0 && ord < this.docs)) throw new RangeError(`no paper at ordinal ${ord}`);
    if (this.finished) throw new Error('this index build is finished');
    // Its postings in a batch already made are taken off at the finish; a later segment is in the stream.
    if (ord < this.batches.done && !this.batches.isReplaced(ord)) {
      this.batches.replace(ord);
      this.tokenize(ord, paper);
      return;
    }
    const terms = this.streamTerms.data;
    for (let p = this.docStart.data[ord] ?? 0; p < (this.docEnd.data[ord] ?? 0); p++) {
      const id = terms[p] ?? 0;
      this.df[id] = (this.df[id] ?? 0) - 1;
    }
    this.tokenize(ord, paper);
  }

  private tokenize(ord: number, paper: Paper, refs?: ArrayLike<number>, from = 0): void {
    if (this.finished) throw new Error('this index build is finished');
    const { table, counts, graph } = this;
    counts.doc++;
    counts.n = 0;
    for (let f = 0; f < 2; f++) {
      const n = table.scan(f === 0 ? paper.title : paper.abstract);
      const { buf, stop } = table;
      for (let k = 0; k < n; k++) {
        const id = buf[k] ?? 0;
        if (stop[id] === 1) continue;
        counts.touch(id);
        const field = f === 0 ? counts.title : counts.abstract;
        if ((field[id] ?? 0) < 255) field[id] = (field[id] ?? 0) + 1;
      }
    }
    graph.startPaper(ord);
    const names = paper.authors;
    for (let i = 0; i < names.length; i++) {
      const raw = refs ? graph.addNumbered(ord, refs[from + i] ?? -1) : graph.add(ord, names[i] ?? '');
      if (raw < 0) continue;
      const end = this.termsOfKey(raw);
      for (let k = this.keyTermStart[raw] ?? 0; k < end; k++) {
        const id = this.keyTerms.data[k] ?? 0;
        counts.touch(id);
        counts.authors[id] = 1;
      }
    }
    graph.endPaper(ord);
    if (table.size > this.df.length) {
      const next = new Uint32Array(Math.max(table.size, this.df.length * 2));
      next.set(this.df);
      this.df = next;
    }
    const { df, streamTerms, streamCodes } = this;
    const at = streamTerms.length;
    this.docStart.set(ord, at);
    // One paper's postings written straight into the stream's arrays (a push each cost a check and two property writes).
    streamTerms.reserve(counts.n);
    streamCodes.reserve(counts.n);
    const st = streamTerms.data;
    const sc = streamCodes.data;
    for (let k = 0; k < counts.n; k++) {
      const id = counts.ids[k] ?? 0;
      df[id] = (df[id] ?? 0) + 1;
      st[at + k] = id;
      sc[at + k] = encodePosting(counts.title[id] ?? 0, counts.abstract[id] ?? 0, counts.authors[id] === 1);
    }
    streamTerms.length = streamCodes.length = at + counts.n;
    this.docEnd.set(ord, at + counts.n);
  }

  /** Caches the term ids of a raw author key; returns where they end in keyTerms. */
  private termsOfKey(raw: number): number {
    if (raw >= this.keyTermStart.length) {
      const next = new Int32Array(Math.max(raw + 1, this.keyTermStart.length * 2)).fill(-1);
      next.set(this.keyTermStart);
      this.keyTermStart = next;
    }
    if ((this.keyTermStart[raw] ?? -1) < 0) {
      this.keyTermStart[raw] = this.keyTerms.length;
      const n = this.table.scanKey(this.graph.keyOf(raw));
      for (let k = 0; k < n; k++) this.keyTerms.push(this.table.buf[k] ?? 0);
      this.keyTermEnd[raw] = this.keyTerms.length;
    }
    return this.keyTermEnd[raw] ?? 0;
  }

  /**
   * Work finish would do, done now for the papers added so far (see
   * AuthorGraphBuilder.presort and finish-ahead.ts). Their postings leave the
   * stream for a batch, so the stream starts again empty, unless it holds
   * the new segment of a paper replaced in an earlier batch.
   */
  prepareFinish(): void {
    if (this.finished) return;
    this.graph.presort();
    this.vocab.update(this.table.names);
    this.batches.take(this.stream(), this.docs, this.df, this.table.size);
    if (!this.batches.anyReplaced) this.streamTerms.length = this.streamCodes.length = 0;
  }

  private stream(): TokenStream {
    return { terms: this.streamTerms.data, codes: this.streamCodes.data, start: this.docStart.data, end: this.docEnd.data };
  }

  /** The index over every paper added; the builder cannot be used after. */
  finish(authors: readonly Author[]): BuiltIndex {
    this.finished = true;
    const terms = this.scatter();
    // The stream and the batches together are as large as the postings
    // (hundreds of MB at 1M papers): let them go before the caller
    // serializes the index.
    this.streamTerms.release();
    this.streamCodes.release();
    this.batches.release();
    this.vocab.release();
    return { terms, graph: this.graph.finish(authors, this.docs) };
  }

  /**
   * Sorted vocabulary (terms with postings only), then the postings in CSR:
   * the batches made ahead copied run by run, the papers since scattered
   * from their stream segments.
   */
  private scatter(): TermIndex {
    if (this.docs > MAX_PAPERS) throw new RangeError(`paper ordinal ${MAX_PAPERS} does not fit a posting (at most ${MAX_PAPERS} papers)`);
    const names = this.table.names;
    const { df, batches } = this;
    batches.subtractReplaced(df);
    const order = this.vocab.order(names, df);
    // Each term id's next free posting, in the sorted order's CSR: the scatter reads one array per posting, not a rank then a cursor.
    const offsets = new Uint32Array(order.length + 1);
    const cursor = new Uint32Array(names.length);
    for (let i = 0; i < order.length; i++) {
      const old = order[i] ?? 0;
      cursor[old] = offsets[i] ?? 0;
      offsets[i + 1] = (offsets[i] ?? 0) + (df[old] ?? 0);
    }
    const posts = new Uint32Array(offsets[order.length] ?? 0);
    const stream = this.stream();
    batches.gather(posts, cursor, stream);
    const { terms: st, codes: sc, start: starts, end: ends } = stream;
    for (let ord = batches.done; ord < this.docs; ord++) {
      const end = ends[ord] ?? 0;
      for (let p = starts[ord] ?? 0; p < end; p++) {
        const id = st[p] ?? 0;
        const at = cursor[id] ?? 0;
        cursor[id] = at + 1;
        posts[at] = ord * 256 + (sc[p] ?? 0);
      }
    }
    return new TermIndex(
      order.map((i) => names[i] ?? ''),
      offsets,
      posts,
      this.docs,
    );
  }
}

export function buildIndex(papers: readonly Paper[], authors: readonly Author[]): BuiltIndex {
  const builder = new IndexBuilder(papers.length);
  for (const paper of papers) builder.add(paper);
  return builder.finish(authors);
}
