/**
 * The tf-idf weights related papers are ranked by (related.ts): title terms
 * count twice, term frequencies are dampened (1 + log), and each paper's
 * vector norm is derived once from the postings.
 */
import { postingAbstractTf, postingTitleTf, type TermIndex } from './term-index';
import { terms } from './tokenize';

/** Title terms count this many times an abstract term does. */
const TITLE_BOOST = 2;

/** Per-term content idf and per-paper vector norms, derived from the postings. */
export interface ContentStats {
  idf: Float32Array;
  norms: Float32Array;
}

const tfWeight = (count: number): number => (count > 0 ? 1 + Math.log(count) : 0);
const contentCount = (code: number): number => TITLE_BOOST * postingTitleTf(code) + postingAbstractTf(code);
/** tfWeight(contentCount(code)) for every code byte. */
export const TF_OF_CODE = Float64Array.from({ length: 256 }, (_, code) => tfWeight(contentCount(code)));

export function contentStats(index: TermIndex): ContentStats {
  const idf = new Float32Array(index.termCount);
  const sq = new Float64Array(index.docCount);
  const { offsets, posts } = index;
  for (let id = 0; id < index.termCount; id++) {
    const start = offsets[id] ?? 0;
    const end = offsets[id + 1] ?? 0;
    let df = 0;
    for (let p = start; p < end; p++) if ((TF_OF_CODE[(posts[p] ?? 0) & 255] ?? 0) > 0) df++;
    const w = df === 0 ? 0 : Math.log(1 + index.docCount / df);
    idf[id] = w;
    if (w === 0) continue;
    for (let p = start; p < end; p++) {
      const post = posts[p] ?? 0;
      const x = (TF_OF_CODE[post & 255] ?? 0) * w;
      const ord = post >>> 8;
      sq[ord] = (sq[ord] ?? 0) + x * x;
    }
  }
  return { idf, norms: Float32Array.from(sq, Math.sqrt) };
}

/** Weighted content term counts of a title + abstract. */
function termCounts(title: string, abstract: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms(title)) counts.set(t, (counts.get(t) ?? 0) + TITLE_BOOST);
  for (const t of terms(abstract)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** term -> tf-idf weight, for terms the index knows. */
export function vectorOf(ctx: { index: TermIndex; stats: ContentStats }, title: string, abstract: string): Map<string, number> {
  const vec = new Map<string, number>();
  for (const [term, count] of termCounts(title, abstract)) {
    const id = ctx.index.termId(term);
    const idf = id === undefined ? 0 : (ctx.stats.idf[id] ?? 0);
    if (idf > 0) vec.set(term, tfWeight(count) * idf);
  }
  return vec;
}

/**
 * A related paper's vector restricted to the query's terms: all the reasons
 * need (similarLabels only reads shared terms), without looking every other
 * term of its abstract up in the index. Same weights as vectorOf, from the
 * paper's title and abstract tokens (stopwords may be in them: the query
 * has none, so they are never counted).
 */
export function sharedVectorOf(qVec: ReadonlyMap<string, number>, qIdf: ReadonlyMap<string, number>, titleTokens: readonly string[], abstractTokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of titleTokens) if (qVec.has(t)) counts.set(t, (counts.get(t) ?? 0) + TITLE_BOOST);
  for (const t of abstractTokens) if (qVec.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const vec = new Map<string, number>();
  for (const [term, count] of counts) vec.set(term, tfWeight(count) * (qIdf.get(term) ?? 0));
  return vec;
}
