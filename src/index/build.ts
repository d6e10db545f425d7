/**
 * PaperIndex.build in one pass over the papers: every title and abstract is
 * tokenized once into interned term ids (intern.ts), author names are keyed
 * once per distinct name (author-build.ts), and both the inverted index and
 * the author graph come out as typed arrays. No per-paper or per-term JS
 * arrays or Maps on the hot path.
 */
import type { Author, Paper } from '../dataset/schema';
import { AuthorGraphBuilder, type AuthorGraphData } from './author-build';
import { TermTable } from './intern';
import { compareTerms, encodePosting, TermIndex } from './term-index';

/** A Uint32Array/Uint8Array that doubles when full (build only). */
class Grow<T extends Uint32Array | Uint8Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
}

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

export function buildIndex(papers: readonly Paper[], authors: readonly Author[]): BuiltIndex {
  const table = new TermTable();
  const graph = new AuthorGraphBuilder(papers.length);
  const counts = new DocCounts();
  let df = new Uint32Array(1024);
  const estimate = Math.max(1024, papers.length * 80);
  const streamTerms = new Grow(new Uint32Array(estimate), (n) => new Uint32Array(n));
  const streamCodes = new Grow(new Uint8Array(estimate), (n) => new Uint8Array(n));
  const docEnd = new Uint32Array(papers.length);
  // Author terms per raw author key, cached: a name's terms are the tokens of its key.
  let keyTermStart = new Int32Array(1024).fill(-1);
  const keyTerms = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
  const keyTermEnd: number[] = [];

  for (let ord = 0; ord < papers.length; ord++) {
    const paper = papers[ord] as Paper;
    counts.doc = ord + 1;
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
    for (const name of paper.authors) {
      const raw = graph.add(ord, name);
      if (raw < 0) continue;
      if (raw >= keyTermStart.length) {
        const next = new Int32Array(keyTermStart.length * 2).fill(-1);
        next.set(keyTermStart);
        keyTermStart = next;
      }
      if ((keyTermStart[raw] ?? -1) < 0) {
        keyTermStart[raw] = keyTerms.length;
        const n = table.scanKey(graph.keyOf(raw));
        for (let k = 0; k < n; k++) keyTerms.push(table.buf[k] ?? 0);
        keyTermEnd[raw] = keyTerms.length;
      }
      const end = keyTermEnd[raw] ?? 0;
      for (let k = keyTermStart[raw] ?? 0; k < end; k++) {
        const id = keyTerms.data[k] ?? 0;
        counts.touch(id);
        counts.authors[id] = 1;
      }
    }
    graph.endPaper(ord);
    if (table.size > df.length) {
      const next = new Uint32Array(Math.max(table.size, df.length * 2));
      next.set(df);
      df = next;
    }
    for (let k = 0; k < counts.n; k++) {
      const id = counts.ids[k] ?? 0;
      df[id] = (df[id] ?? 0) + 1;
      streamTerms.push(id);
      streamCodes.push(encodePosting(counts.title[id] ?? 0, counts.abstract[id] ?? 0, counts.authors[id] === 1));
    }
    docEnd[ord] = streamTerms.length;
  }
  return { terms: scatter(table.names, df, streamTerms, streamCodes, docEnd), graph: graph.finish(authors) };
}

/** Sorted vocabulary (terms with postings only), then the stream scattered into CSR postings. */
function scatter(
  names: readonly string[],
  df: Uint32Array,
  streamTerms: Grow<Uint32Array>,
  streamCodes: Grow<Uint8Array>,
  docEnd: Uint32Array,
): TermIndex {
  const order: number[] = [];
  for (let id = 0; id < names.length; id++) if ((df[id] ?? 0) > 0) order.push(id);
  order.sort((a, b) => compareTerms(names[a] ?? '', names[b] ?? ''));
  const remap = new Uint32Array(names.length);
  const offsets = new Uint32Array(order.length + 1);
  for (let i = 0; i < order.length; i++) {
    const old = order[i] ?? 0;
    remap[old] = i;
    offsets[i + 1] = (offsets[i] ?? 0) + (df[old] ?? 0);
  }
  const total = streamTerms.length;
  const ords = new Uint32Array(total);
  const codes = new Uint8Array(total);
  const cursor = offsets.slice(0, order.length);
  const st = streamTerms.data;
  const sc = streamCodes.data;
  let p = 0;
  for (let ord = 0; ord < docEnd.length; ord++) {
    const end = docEnd[ord] ?? 0;
    for (; p < end; p++) {
      const t = remap[st[p] ?? 0] ?? 0;
      const at = cursor[t] ?? 0;
      cursor[t] = at + 1;
      ords[at] = ord;
      codes[at] = sc[p] ?? 0;
    }
  }
  return new TermIndex(
    order.map((i) => names[i] ?? ''),
    offsets,
    ords,
    codes,
    docEnd.length,
  );
}
