/**
 * Related papers: tf-idf cosine over title + abstract terms (title counted
 * twice), plus bonuses for shared authors, a shared primary category and
 * recency. Scores run over the inverted index, so only papers sharing a term
 * or an author with the query are ever touched.
 */
import type { Paper } from '../dataset/schema';
import type { RelatedPaper, RelatedQuery } from './types';
import type { CoauthorGraph } from './coauthors';
import { authorKey } from './normalize';
import type { TermIndex } from './term-index';
import { paperEvidence, queryPairs, similarLabels } from './reasons';
import { TF_OF_CODE, vectorOf, type ContentStats } from './tf-idf';
import { dateMs, TopK } from './topk';

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
  /**
   * ... and, heaviest first, only while their postings add up to this many
   * (the heaviest always). Binds at 1M papers, where 48 terms in up to 10%
   * of the papers each made a ranking walk millions of postings; the terms
   * it drops are the commonest (lowest idf) of the query's.
   */
  maxPostingsWalked: 300_000,
} as const;

export interface RelatedContext {
  papers: readonly Paper[];
  index: TermIndex;
  stats: ContentStats;
  graph: CoauthorGraph;
  /** Ordinals never returned (the page's own paper, same-titled papers). */
  excluded: ReadonlySet<number>;
  /** Newest paper date in the dataset: the recency reference (no clock). */
  newestDate: string;
  /** dateNumber() and first category of a paper, read without making its Paper (tens of thousands of candidates). */
  dateNumberOf: (ord: number) => number;
  primaryCategoryOf: (ord: number) => string | undefined;
}

/**
 * Dense per-index accumulators, reused across calls: `dot` and `score` are
 * valid for an ordinal only when its `stamp` is the current generation;
 * `recency` caches each paper's recency bonus (NaN until first needed).
 */
interface Scratch {
  dot: Float64Array;
  score: Float64Array;
  stamp: Uint32Array;
  gen: number;
  /** This generation's candidates (the first `nc` entries), and each one's count of the query's authors. */
  cands: Int32Array;
  authorCount: Uint16Array;
  recency: Float64Array;
  newestDate: string;
  /** The last ranking (see Ranked): asked again with the same terms, only the reasons are made anew. */
  last?: Ranked;
}

/**
 * A ranking before its reasons: what an answer made again needs to skip the
 * postings walk. A woken worker answers twice (the second time with the
 * abstract chunks the first one found missing, see atlas-service.ts); the
 * ranking reads no abstract, so only the "similar: ..." labels change.
 */
interface Ranked {
  key: string;
  ords: number[];
  scores: number[];
  sims: number[];
  authors: string[][];
  qIdf: Map<string, number>;
  /** Whether every walked term's postings were in memory (TermIndex.ready). */
  complete: boolean;
}
const scratches = new WeakMap<TermIndex, Scratch>();

function scratchFor(ctx: RelatedContext): Scratch {
  const n = ctx.index.docCount;
  let sc = scratches.get(ctx.index);
  if (!sc) {
    sc = { dot: new Float64Array(n), score: new Float64Array(n), stamp: new Uint32Array(n), gen: 0, cands: new Int32Array(n), authorCount: new Uint16Array(n), recency: new Float64Array(n).fill(NaN), newestDate: ctx.newestDate };
    scratches.set(ctx.index, sc);
  }
  if (sc.newestDate !== ctx.newestDate) {
    sc.recency.fill(NaN);
    sc.newestDate = ctx.newestDate;
  }
  return sc;
}

export function relatedPapers(ctx: RelatedContext, q: RelatedQuery, limit: number): RelatedPaper[] {
  if (limit <= 0) return [];
  const sc = scratchFor(ctx);
  const qVec = vectorOf(ctx, q.title, q.abstract);
  const key = rankingKey(ctx, q, limit, qVec);
  let ranked = sc.last?.key === key ? sc.last : undefined;
  if (!ranked) {
    ranked = rank(ctx, sc, q, limit, qVec, key);
    // A ranking made while postings were missing is made again once they are read: never reused.
    if (ranked.complete) sc.last = ranked;
  }
  return withReasons(ctx, q, qVec, ranked);
}

/** What a ranking depends on besides the index: the query's weighted terms, authors, category, exclusions and limit. */
function rankingKey(ctx: RelatedContext, q: RelatedQuery, limit: number, qVec: ReadonlyMap<string, number>): string {
  const parts = [String(limit), q.categories[0] ?? '', [...ctx.excluded].join(','), q.authors.join('\u0001')];
  for (const [term, w] of qVec) parts.push(`${term}:${w}`);
  return parts.join('\u0002');
}

/** The query terms a ranking walks: the heaviest not-too-common ones, while their postings add up to maxPostingsWalked. */
function walkedTerms(index: TermIndex, qVec: ReadonlyMap<string, number>): { id: number; qw: number }[] {
  const maxDf = Math.max(50, RELATED_LIMITS.maxDfFraction * index.docCount);
  const walked: { id: number; qw: number }[] = [];
  for (const [term, qw] of qVec) {
    const id = index.termId(term) ?? -1;
    if (id >= 0 && index.df(id) <= maxDf) walked.push({ id, qw });
  }
  walked.sort((a, b) => b.qw - a.qw);
  walked.length = Math.min(walked.length, RELATED_LIMITS.maxQueryTerms);
  let postings = 0;
  for (let i = 0; i < walked.length; i++) {
    postings += index.df(walked[i]?.id ?? 0);
    if (i > 0 && postings > RELATED_LIMITS.maxPostingsWalked) {
      walked.length = i;
      break;
    }
  }
  return walked;
}

/**
 * Notes the posting chunks a ranking for this text would walk and a woken
 * index has not read (TermIndex.ready), without ranking: they are then read
 * with whatever else the answer is waiting for.
 */
export function noteRelatedPostings(ctx: Pick<RelatedContext, 'index' | 'stats'>, title: string, abstract: string): void {
  ctx.index.allReady(walkedTerms(ctx.index, vectorOf(ctx, title, abstract)).map((w) => w.id));
}

function rank(ctx: RelatedContext, sc: Scratch, q: RelatedQuery, limit: number, qVec: ReadonlyMap<string, number>, key: string): Ranked {
  const { index, excluded, papers } = ctx;
  const gen = ++sc.gen;
  const { dot, score, stamp, recency } = sc;

  // Text: dot products through the postings of the heaviest, not-too-common query terms.
  const qIdf = new Map<string, number>();
  let qNorm = 0;
  for (const w of qVec.values()) qNorm += w * w;
  qNorm = Math.sqrt(qNorm);
  for (const term of qVec.keys()) {
    const id = index.termId(term);
    if (id !== undefined) qIdf.set(term, ctx.stats.idf[id] ?? 0);
  }
  const walked = walkedTerms(index, qVec);
  const complete = index.allReady(walked.map((w) => w.id));
  // Postings still to be read (a woken worker): the service reads them and
  // asks again, so a ranking made now would be thrown away (at 1M papers, a
  // few hundred ms on code V8 has not optimized yet).
  if (!complete) return { key, ords: [], scores: [], sims: [], authors: [], qIdf, complete };
  // Candidates in a reused typed array, each with its count of the query's
  // authors (valid, like `dot`, where `stamp` is this generation): the loop
  // below runs over tens of thousands of them, so no Map or array growth.
  const { cands, authorCount } = sc;
  let nc = 0;
  const { offsets, posts } = index;
  const { idf, norms } = ctx.stats;
  for (const { id, qw } of walked) {
    const w = qw * (idf[id] ?? 0);
    const end = offsets[id + 1] ?? 0;
    for (let p = offsets[id] ?? 0; p < end; p++) {
      const post = posts[p] ?? 0;
      const tf = TF_OF_CODE[post & 255] ?? 0;
      if (tf === 0) continue;
      const ord = post >>> 8;
      if (stamp[ord] !== gen) {
        stamp[ord] = gen;
        dot[ord] = 0;
        authorCount[ord] = 0;
        cands[nc++] = ord;
      }
      dot[ord] = (dot[ord] ?? 0) + w * tf;
    }
  }

  // Authors: papers listing any of the query's authors (which ones, kept for the reasons).
  const shared = new Map<number, string[]>();
  for (const key of new Set(q.authors.map((a) => ctx.graph.resolve(authorKey(a))))) {
    for (const ord of ctx.graph.papersOf(key)) {
      const list = shared.get(ord) ?? [];
      list.push(key);
      shared.set(ord, list);
      if (stamp[ord] !== gen) {
        stamp[ord] = gen;
        dot[ord] = 0;
        authorCount[ord] = 0;
        cands[nc++] = ord;
      }
      authorCount[ord] = (authorCount[ord] ?? 0) + 1;
    }
  }

  // Scores in the dense `score` array (no per-candidate object): the ranking
  // touches every candidate, tens of thousands at the sample's size.
  const primary = q.categories[0];
  const newest = Date.parse(ctx.newestDate);
  const similarity = (ord: number): number => {
    const norm = norms[ord] ?? 0;
    const cos = qNorm > 0 && norm > 0 ? (dot[ord] ?? 0) / (qNorm * norm) : 0;
    return cos >= RELATED_WEIGHTS.minSimilarity ? cos : 0;
  };
  const { dateNumberOf, primaryCategoryOf } = ctx;
  const top = new TopK(limit, (a, b) => {
    const d = (score[a] ?? 0) - (score[b] ?? 0);
    if (d !== 0) return d;
    const da = dateNumberOf(a);
    const db = dateNumberOf(b);
    return da !== db ? da - db : b - a;
  });
  // What a category and recency can add at most: a candidate that cannot
  // beat the worst of the `limit` kept even with both is not looked at further.
  const maxBonus = (primary !== undefined ? RELATED_WEIGHTS.category : 0) + RELATED_WEIGHTS.recency;
  let worstScore = -Infinity; // the worst kept one's score, once `limit` are kept
  for (let i = 0; i < nc; i++) {
    const ord = cands[i] ?? 0;
    const sim = similarity(ord);
    const authors = authorCount[ord] ?? 0;
    if (sim === 0 && authors === 0) continue;
    if (sim + RELATED_WEIGHTS.author * authors + maxBonus < worstScore) continue;
    if (excluded.has(ord) || !(ord < papers.length)) continue;
    const category = primary !== undefined && primaryCategoryOf(ord) === primary;
    let bonus = recency[ord] ?? NaN;
    if (Number.isNaN(bonus)) recency[ord] = bonus = recencyBonusMs(newest, dateMs(dateNumberOf(ord), () => papers[ord]?.date ?? ''));
    score[ord] = sim + RELATED_WEIGHTS.author * authors + (category ? RELATED_WEIGHTS.category : 0) + bonus;
    top.push(ord);
    const worst = top.worst;
    if (worst !== undefined) worstScore = score[worst] ?? 0;
  }

  const ranked = top.sorted();
  return {
    key,
    ords: ranked,
    scores: ranked.map((ord) => score[ord] ?? 0),
    sims: ranked.map(similarity),
    authors: ranked.map((ord) => shared.get(ord) ?? []),
    qIdf,
    complete,
  };
}

/** The ranked papers with the reasons a user sees; reads the candidates' abstracts (for the labels). */
function withReasons(ctx: RelatedContext, q: RelatedQuery, qVec: ReadonlyMap<string, number>, ranked: Ranked): RelatedPaper[] {
  const { papers } = ctx;
  const primary = q.categories[0];
  const qPairs = queryPairs(q);
  return ranked.ords.map((ord, i) => {
    const paper = papers[ord] as Paper;
    const sim = ranked.sims[i] ?? 0;
    const authors = ranked.authors[i] ?? [];
    const reasons: string[] = [];
    if (authors.length === 1) reasons.push(`shared author: ${ctx.graph.name(authors[0] ?? '') ?? authors[0]}`);
    else if (authors.length > 1) reasons.push(`${authors.length} shared authors`);
    if (sim > 0) {
      const labels = similarLabels(qPairs, qVec, paperEvidence(qPairs, qVec, ranked.qIdf, paper));
      if (labels.length > 0) reasons.push(`similar: ${labels.join(', ')}`);
    }
    if (primary !== undefined && paper.categories[0] === primary) reasons.push(`same category (${primary})`);
    return { paper, score: ranked.scores[i] ?? 0, reasons };
  });
}

function recencyBonusMs(newestMs: number, dateMsValue: number): number {
  const years = (newestMs - dateMsValue) / (365.25 * 24 * 3600 * 1000);
  if (!Number.isFinite(years)) return 0;
  const f = 1 - Math.max(0, years) / RELATED_WEIGHTS.recencyYears;
  return RELATED_WEIGHTS.recency * Math.max(0, Math.min(1, f));
}

export function recencyBonus(newestDate: string, date: string): number {
  return recencyBonusMs(Date.parse(newestDate), Date.parse(date));
}
