/**
 * Related papers: tf-idf cosine over title + abstract terms (title counted
 * twice), plus bonuses for shared authors, a shared primary category and
 * recency. Scores run over the inverted index, so only papers sharing a term
 * or an author with the query are ever touched.
 */
import type { Paper } from '../dataset/schema';
import type { RelatedPaper, RelatedQuery } from './types';
import type { CoauthorGraph } from './coauthors';
import { authorKey, normalizeTitle } from './normalize';
import { byDateDesc, postingAbstractTf, postingTitleTf, type TermIndex } from './search';
import { isStopword, terms, tokenize } from './tokenize';

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

/** Title terms count this many times an abstract term does. */
const TITLE_BOOST = 2;

/** Per-term content idf and per-paper vector norms, derived from the postings. */
export interface ContentStats {
  idf: Float64Array;
  norms: Float64Array;
}

export interface RelatedContext {
  papers: readonly Paper[];
  index: TermIndex;
  stats: ContentStats;
  graph: CoauthorGraph;
  titleOrds: ReadonlyMap<string, readonly number[]>;
  idToOrd: ReadonlyMap<string, number>;
  /** Newest paper date in the dataset: the recency reference (no clock). */
  newestDate: string;
}

const tfWeight = (count: number): number => (count > 0 ? 1 + Math.log(count) : 0);
const contentCount = (code: number): number => TITLE_BOOST * postingTitleTf(code) + postingAbstractTf(code);

export function contentStats(index: TermIndex): ContentStats {
  const idf = new Float64Array(index.vocab.length);
  const norms = new Float64Array(index.docCount);
  index.postings.forEach((list, id) => {
    let df = 0;
    for (let i = 1; i < list.length; i += 2) if (contentCount(list[i] ?? 0) > 0) df++;
    const w = df === 0 ? 0 : Math.log(1 + index.docCount / df);
    idf[id] = w;
    for (let i = 0; i < list.length; i += 2) {
      const x = tfWeight(contentCount(list[i + 1] ?? 0)) * w;
      const ord = list[i] ?? 0;
      norms[ord] = (norms[ord] ?? 0) + x * x;
    }
  });
  for (let i = 0; i < norms.length; i++) norms[i] = Math.sqrt(norms[i] ?? 0);
  return { idf, norms };
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

export function relatedPapers(ctx: RelatedContext, q: RelatedQuery, limit: number): RelatedPaper[] {
  if (limit <= 0) return [];
  const excluded = new Set<number>(ctx.titleOrds.get(normalizeTitle(q.title)) ?? []);
  const ex = q.excludeId === undefined ? undefined : ctx.idToOrd.get(q.excludeId);
  if (ex !== undefined) excluded.add(ex);

  // Text: dot products through the postings, then cosine.
  const qVec = vectorOf(ctx, q.title, q.abstract);
  let qNorm = 0;
  for (const w of qVec.values()) qNorm += w * w;
  qNorm = Math.sqrt(qNorm);
  const dots = new Map<number, number>();
  for (const [term, qw] of qVec) {
    const id = ctx.index.termId(term) ?? -1;
    const idf = ctx.stats.idf[id] ?? 0;
    const list = ctx.index.postings[id] ?? [];
    for (let i = 0; i < list.length; i += 2) {
      const c = contentCount(list[i + 1] ?? 0);
      const ord = list[i] ?? 0;
      if (c > 0 && !excluded.has(ord)) dots.set(ord, (dots.get(ord) ?? 0) + qw * tfWeight(c) * idf);
    }
  }

  // Authors: papers listing any of the query's authors.
  const shared = new Map<number, string[]>();
  for (const key of new Set(q.authors.map(authorKey))) {
    for (const ord of ctx.graph.papersOf(key)) {
      if (excluded.has(ord)) continue;
      const list = shared.get(ord) ?? [];
      list.push(key);
      shared.set(ord, list);
    }
  }

  const primary = q.categories[0];
  const scored: { ord: number; score: number; sim: number; authors: string[]; category: boolean }[] = [];
  for (const ord of new Set([...dots.keys(), ...shared.keys()])) {
    const paper = ctx.papers[ord];
    if (!paper) continue;
    const norm = ctx.stats.norms[ord] ?? 0;
    const cos = qNorm > 0 && norm > 0 ? (dots.get(ord) ?? 0) / (qNorm * norm) : 0;
    const sim = cos >= RELATED_WEIGHTS.minSimilarity ? cos : 0;
    const authors = shared.get(ord) ?? [];
    if (sim === 0 && authors.length === 0) continue;
    const category = primary !== undefined && paper.categories[0] === primary;
    const score =
      sim +
      RELATED_WEIGHTS.author * authors.length +
      (category ? RELATED_WEIGHTS.category : 0) +
      recencyBonus(ctx.newestDate, paper.date);
    scored.push({ ord, score, sim, authors, category });
  }
  scored.sort((a, b) => b.score - a.score || byDateDesc(ctx.papers, a.ord, b.ord));

  return scored.slice(0, limit).map((s) => {
    const paper = ctx.papers[s.ord] as Paper;
    const reasons: string[] = [];
    if (s.authors.length === 1) reasons.push(`shared author: ${ctx.graph.name(s.authors[0] ?? '') ?? s.authors[0]}`);
    else if (s.authors.length > 1) reasons.push(`${s.authors.length} shared authors`);
    if (s.sim > 0) {
      const labels = similarLabels(ctx, q, qVec, paper);
      if (labels.length > 0) reasons.push(`similar: ${labels.join(', ')}`);
    }
    if (s.category) reasons.push(`same category (${primary})`);
    return { paper, score: s.score, reasons };
  });
}

export function recencyBonus(newestDate: string, date: string): number {
  const years = (Date.parse(newestDate) - Date.parse(date)) / (365.25 * 24 * 3600 * 1000);
  if (!Number.isFinite(years)) return 0;
  const f = 1 - Math.max(0, years) / RELATED_WEIGHTS.recencyYears;
  return RELATED_WEIGHTS.recency * Math.max(0, Math.min(1, f));
}

/**
 * Adjacent non-stopword token pairs: "batch size", "learning rate". Pairs do
 * not cross punctuation: "gradient descent (SGD)" gives no "descent sgd".
 */
function bigrams(...texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const segment of texts.flatMap((t) => t.split(/[.,;:!?()[\]]+/))) {
    const toks = tokenize(segment);
    for (let i = 0; i + 1 < toks.length; i++) {
      const a = toks[i] ?? '';
      const b = toks[i + 1] ?? '';
      if (!isStopword(a) && !isStopword(b)) out.add(`${a} ${b}`);
    }
  }
  return out;
}

/**
 * The 1-3 shared terms that contribute most to the similarity; a shared
 * two-word phrase replaces its two words.
 */
function similarLabels(ctx: RelatedContext, q: RelatedQuery, qVec: Map<string, number>, paper: Paper): string[] {
  const dVec = vectorOf(ctx, paper.title, paper.abstract);
  const contrib = new Map<string, number>();
  for (const [term, w] of qVec) {
    const d = dVec.get(term);
    if (d !== undefined) contrib.set(term, w * d);
  }
  // A bare number ("2", "10") is no explanation; inside a phrase ("cifar 10") it is.
  const items: [string, number][] = [...contrib].filter(([term]) => !/^\d+$/.test(term));
  const docPairs = bigrams(paper.title, paper.abstract);
  for (const pair of bigrams(q.title, q.abstract)) {
    if (!docPairs.has(pair)) continue;
    const [a = '', b = ''] = pair.split(' ');
    const ca = contrib.get(a);
    const cb = contrib.get(b);
    if (ca !== undefined && cb !== undefined) items.push([pair, ca + cb]);
  }
  items.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const picked: string[] = [];
  const used = new Set<string>();
  const top = items[0]?.[1] ?? 0;
  for (const [label, w] of items) {
    if (picked.length === 3 || w < 0.2 * top) break;
    const words = label.split(' ');
    if (words.some((x) => used.has(x))) continue;
    picked.push(label);
    for (const x of words) used.add(x);
  }
  return picked;
}
