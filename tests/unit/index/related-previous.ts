// The ranking before the dense-score rewrite (commit cb49eda), kept verbatim as the
// oracle for related-equivalence.test.ts: the rewrite must return the same papers,
// scores and reasons. Test-only; delete together with that test.
/**
 * Related papers: tf-idf cosine over title + abstract terms (title counted
 * twice), plus bonuses for shared authors, a shared primary category and
 * recency. Scores run over the inverted index, so only papers sharing a term
 * or an author with the query are ever touched.
 */
import type { Paper } from '../../../src/dataset/schema';
import type { RelatedPaper, RelatedQuery } from '../../../src/index/types';
import type { CoauthorGraph } from '../../../src/index/coauthors';
import { authorKey } from '../../../src/index/normalize';
import { postingAbstractTf, postingTitleTf, type TermIndex } from '../../../src/index/term-index';
import { similarLabels } from './reasons-previous';
import { terms } from '../../../src/index/tokenize';
import { dateNumber, TopK } from '../../../src/index/topk';

export const RELATED_WEIGHTS = {
  /** Per shared author (by authorKey). */
  author: 0.5,
  /** When the primary categories are equal (a boost, never a reason on its own). */
  category: 0.2,
  /** Full bonus for the dataset's newest paper, falling to 0 over `recencyYears`. */
  recency: 0.05,
  recencyYears: 10,
  /** Cosine below this counts as "not similar" (no score, no reason). */
  minSimilarity: 0.05,
} as const;

/** Speed limits for large datasets (see README "Scaling"). */
export const RELATED_LIMITS = {
  /** Query terms in more than this fraction of papers are skipped (they barely move a cosine). */
  maxDfFraction: 0.1,
  /** Only the heaviest query terms are walked. */
  maxQueryTerms: 48,
} as const;

/** Title terms count this many times an abstract term does. */
const TITLE_BOOST = 2;

/** Per-term content idf and per-paper vector norms, derived from the postings. */
export interface ContentStats {
  idf: Float32Array;
  norms: Float32Array;
}

export interface RelatedContext {
  papers: readonly Paper[];
  index: TermIndex;
  stats: ContentStats;
  graph: CoauthorGraph;
  /** Ordinals never returned (the page's own paper, same-titled papers). */
  excluded: ReadonlySet<number>;
  /** Newest paper date in the dataset: the recency reference (no clock). */
  newestDate: string;
}

const tfWeight = (count: number): number => (count > 0 ? 1 + Math.log(count) : 0);
const contentCount = (code: number): number => TITLE_BOOST * postingTitleTf(code) + postingAbstractTf(code);
/** tfWeight(contentCount(code)) for every code byte. */
const TF_OF_CODE = Float64Array.from({ length: 256 }, (_, code) => tfWeight(contentCount(code)));

export function contentStats(index: TermIndex): ContentStats {
  const idf = new Float32Array(index.termCount);
  const sq = new Float64Array(index.docCount);
  const { offsets, ords, codes } = index;
  for (let id = 0; id < index.termCount; id++) {
    const start = offsets[id] ?? 0;
    const end = offsets[id + 1] ?? 0;
    let df = 0;
    for (let p = start; p < end; p++) if ((TF_OF_CODE[codes[p] ?? 0] ?? 0) > 0) df++;
    const w = df === 0 ? 0 : Math.log(1 + index.docCount / df);
    idf[id] = w;
    if (w === 0) continue;
    for (let p = start; p < end; p++) {
      const x = (TF_OF_CODE[codes[p] ?? 0] ?? 0) * w;
      const ord = ords[p] ?? 0;
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
function vectorOf(ctx: RelatedContext, title: string, abstract: string): Map<string, number> {
  const vec = new Map<string, number>();
  for (const [term, count] of termCounts(title, abstract)) {
    const id = ctx.index.termId(term);
    const idf = id === undefined ? 0 : (ctx.stats.idf[id] ?? 0);
    if (idf > 0) vec.set(term, tfWeight(count) * idf);
  }
  return vec;
}

/** Dense per-index accumulators, reused across calls. */
const dotScratch = new WeakMap<TermIndex, { dot: Float64Array; stamp: Uint32Array; gen: number }>();

export function relatedPapers(ctx: RelatedContext, q: RelatedQuery, limit: number): RelatedPaper[] {
  if (limit <= 0) return [];
  const { index, excluded } = ctx;
  let sc = dotScratch.get(index);
  if (!sc) dotScratch.set(index, (sc = { dot: new Float64Array(index.docCount), stamp: new Uint32Array(index.docCount), gen: 0 }));
  const gen = ++sc.gen;
  const { dot, stamp } = sc;

  // Text: dot products through the postings of the heaviest, not-too-common query terms.
  const qVec = vectorOf(ctx, q.title, q.abstract);
  let qNorm = 0;
  for (const w of qVec.values()) qNorm += w * w;
  qNorm = Math.sqrt(qNorm);
  const maxDf = Math.max(50, RELATED_LIMITS.maxDfFraction * index.docCount);
  const walked = [...qVec]
    .map(([term, qw]) => ({ id: index.termId(term) ?? -1, qw }))
    .filter((t) => t.id >= 0 && index.df(t.id) <= maxDf)
    .sort((a, b) => b.qw - a.qw)
    .slice(0, RELATED_LIMITS.maxQueryTerms);
  const cand: number[] = [];
  for (const { id, qw } of walked) {
    const w = qw * (ctx.stats.idf[id] ?? 0);
    const end = index.offsets[id + 1] ?? 0;
    for (let p = index.offsets[id] ?? 0; p < end; p++) {
      const tf = TF_OF_CODE[index.codes[p] ?? 0] ?? 0;
      if (tf === 0) continue;
      const ord = index.ords[p] ?? 0;
      if (stamp[ord] !== gen) {
        stamp[ord] = gen;
        dot[ord] = 0;
        cand.push(ord);
      }
      dot[ord] = (dot[ord] ?? 0) + w * tf;
    }
  }

  // Authors: papers listing any of the query's authors.
  const shared = new Map<number, string[]>();
  for (const key of new Set(q.authors.map((a) => ctx.graph.resolve(authorKey(a))))) {
    for (const ord of ctx.graph.papersOf(key)) {
      const list = shared.get(ord) ?? [];
      list.push(key);
      shared.set(ord, list);
      if (stamp[ord] !== gen) {
        stamp[ord] = gen;
        dot[ord] = 0;
        cand.push(ord);
      }
    }
  }

  const primary = q.categories[0];
  const newest = Date.parse(ctx.newestDate);
  const scores = new Map<number, { score: number; sim: number; authors: string[]; category: boolean }>();
  const top = new TopK(limit, (a, b) => {
    const d = (scores.get(a)?.score ?? 0) - (scores.get(b)?.score ?? 0);
    if (d !== 0) return d;
    const da = dateNumber(ctx.papers[a]?.date ?? '');
    const db = dateNumber(ctx.papers[b]?.date ?? '');
    return da !== db ? da - db : b - a;
  });
  for (const ord of cand) {
    if (excluded.has(ord)) continue;
    const paper = ctx.papers[ord];
    if (!paper) continue;
    const norm = ctx.stats.norms[ord] ?? 0;
    const cos = qNorm > 0 && norm > 0 ? (dot[ord] ?? 0) / (qNorm * norm) : 0;
    const sim = cos >= RELATED_WEIGHTS.minSimilarity ? cos : 0;
    const authors = shared.get(ord) ?? [];
    if (sim === 0 && authors.length === 0) continue;
    const category = primary !== undefined && paper.categories[0] === primary;
    const score =
      sim +
      RELATED_WEIGHTS.author * authors.length +
      (category ? RELATED_WEIGHTS.category : 0) +
      recencyBonusMs(newest, paper.date);
    scores.set(ord, { score, sim, authors, category });
    top.push(ord);
  }

  return top.sorted().map((ord) => {
    const s = scores.get(ord) ?? { score: 0, sim: 0, authors: [], category: false };
    const paper = ctx.papers[ord] as Paper;
    const reasons: string[] = [];
    if (s.authors.length === 1) reasons.push(`shared author: ${ctx.graph.name(s.authors[0] ?? '') ?? s.authors[0]}`);
    else if (s.authors.length > 1) reasons.push(`${s.authors.length} shared authors`);
    if (s.sim > 0) {
      const labels = similarLabels(q, qVec, vectorOf(ctx, paper.title, paper.abstract), paper);
      if (labels.length > 0) reasons.push(`similar: ${labels.join(', ')}`);
    }
    if (s.category) reasons.push(`same category (${primary})`);
    return { paper, score: s.score, reasons };
  });
}

function recencyBonusMs(newestMs: number, date: string): number {
  const years = (newestMs - Date.parse(date)) / (365.25 * 24 * 3600 * 1000);
  if (!Number.isFinite(years)) return 0;
  const f = 1 - Math.max(0, years) / RELATED_WEIGHTS.recencyYears;
  return RELATED_WEIGHTS.recency * Math.max(0, Math.min(1, f));
}

export function recencyBonus(newestDate: string, date: string): number {
  return recencyBonusMs(Date.parse(newestDate), date);
}
