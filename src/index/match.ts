/**
 * Matching an arXiv page to a dataset paper when the arXiv id is unknown:
 * exact normalized title, else a fuzzy title confirmed by authors and date.
 * Pure functions over the TermIndex; see README "Match".
 */
import type { PageInfo } from '../arxiv/page-info';
import type { Paper } from '../dataset/schema';
import { normalizeTitle } from './normalize';
import { lowerBoundOrd, postCode, postingTitleTf, postOrd, type TermIndex } from './term-index';
import { arxivIdMonth, dateMonth, matchKeys, overlapKeys, sharesAuthor, type AuthorOverlap } from './match-evidence';
import { lookupTerm } from './term-lookup';
import { compareTitles, titleSide, type Df, type TitleSimilarity } from './title-similarity';
import { terms } from './tokenize';

export { stem, titleSimilarity, type TitleSimilarity } from './title-similarity';
export { arxivIdMonth, authorMatchKey, authorOverlap, type AuthorOverlap } from './match-evidence';

/** Confidence of an exact normalized-title match when no author overlaps. */
export const TITLE_ONLY_CONFIDENCE = 0.8;
/** Below this a match is shown as "possible match". */
export const POSSIBLE_MATCH_BELOW = 0.9;

const MATCH = {
  /** Rarest page-title terms (or their singular/plural) whose postings give the candidates. */
  seedTerms: 5,
  /** Past the two rarest, seeds in more than this share of the papers (and this many) are not walked. */
  seedMaxShare: 0.02,
  seedMinDf: 100,
  /** Candidates scored in full (most shared seed terms first). */
  maxCandidates: 64,
  /** Paper date may be this many months before the arXiv id's month (time zones, listing delays). */
  monthsBefore: 1,
  /** ... and this many after it for an ordinary match: a v1 date, or the listing of a recent version. */
  monthsAfter: 3,
  /** A date up to this many months after (a much later version, a journal date) needs every author. */
  monthsAfterLate: 12,
} as const;


/** Everything the fuzzy rules look at for one candidate. */
export interface MatchEvidence extends TitleSimilarity {
  authors: AuthorOverlap;
  /** Paper month minus the arXiv id's month. */
  months: number;
}

/**
 * Fuzzy confidence from the evidence; 0 = no match. The authors must be
 * (nearly) the same people: 3 of 4 at least, all of them when the date is
 * much later than the id's month (a late version, a journal date; then at
 * most a "possible match") or when the title says less. The title: the
 * page's words (typos aside) all in the paper's title and nearly all of the
 * paper's in the page's, or near-identical characters (a typo across a
 * hyphen: "Mult-itask") -> definite; the page title a prefix or one side of a
 * colon of the paper's (truncated, subtitle dropped) -> definite with every
 * author; a reworded title (the page's words all in the paper's, a word or
 * two of the paper's gone) with every author -> possible match. Tuned on
 * bench/eval-match.ts, whose hard negatives are real papers by the same group.
 */
export function fuzzyConfidence(e: MatchEvidence): number {
  const { same } = e.authors;
  const late = e.months > MATCH.monthsAfter;
  if (same < 0.75 || (late && same < 1)) return 0;
  const all = same === 1;
  let c = 0;
  if ((e.firstCovered >= 0.95 && e.secondCovered >= 0.9) || (e.chars >= 0.9 && (all || e.chars >= 0.95))) c = 0.9 + 0.07 * same;
  else if (e.contained >= 3 || (e.contained > 0 && all)) c = all ? 0.9 : 0.8;
  else if (all && e.firstCovered >= 0.95 && e.secondCovered >= 0.5) c = 0.75 + 0.1 * Math.min(1, (e.secondCovered - 0.5) / 0.4);
  return Math.min(c, late ? 0.85 : 1);
}

export interface TitleMatch {
  ord: number;
  method: 'title' | 'fuzzy-title';
  confidence: number;
}

/**
 * Seeds: the page title's rarest indexed terms, each with its singular or
 * plural when that is indexed too ("images" on the page finds "image").
 */
function seedGroups(index: TermIndex, pageTerms: readonly string[]): { df: number; ids: number[] }[] {
  const groups: { df: number; ids: number[] }[] = [];
  for (const t of new Set(pageTerms)) {
    const own = lookupTerm(index, t);
    const variant = lookupTerm(index, t.endsWith('s') ? t.slice(0, -1) : `${t}s`);
    const ids = [own, variant].filter((id): id is number => id !== undefined);
    if (ids.length > 0) groups.push({ df: index.df(own ?? ids[0] ?? 0), ids });
  }
  return groups.sort((a, b) => a.df - b.df).slice(0, MATCH.seedTerms);
}

/** Whether term `id` is in the title of paper `ord` (binary search in its postings). */
function inTitle(index: TermIndex, id: number, ord: number): boolean {
  const hi = index.offsets[id + 1] ?? 0;
  const lo = lowerBoundOrd(index.posts, index.offsets[id] ?? 0, hi, ord);
  const post = index.posts[lo] ?? 0;
  return lo < hi && postOrd(post) === ord && postingTitleTf(postCode(post)) > 0;
}

/**
 * Candidates: papers whose title holds the page title's rarest terms, most
 * shared seeds first. The postings of the two rarest seeds and of any seed
 * in under 2% of the papers are walked; a commoner seed (a long posting
 * list) is only checked for the papers already found.
 */
function titleCandidates(index: TermIndex, pageTerms: readonly string[]): number[] {
  const count = new Map<number, number>();
  const cap = Math.max(MATCH.seedMinDf, index.docCount * MATCH.seedMaxShare);
  const groups = seedGroups(index, pageTerms);
  // Postings not read yet (a woken worker): noted, and asked again once read.
  let ready = true;
  for (const g of groups) if (!index.allReady(g.ids)) ready = false;
  if (!ready) return [];
  const checked: number[][] = [];
  groups.forEach((g, i) => {
    if (i >= 2 && g.df > cap) {
      checked.push(g.ids);
      return;
    }
    const before = new Set<number>(); // a group counts once per paper (term and its plural)
    for (const id of g.ids) {
      const end = index.offsets[id + 1] ?? 0;
      for (let p = index.offsets[id] ?? 0; p < end; p++) {
        const post = index.posts[p] ?? 0;
        if (postingTitleTf(postCode(post)) === 0) continue;
        const ord = postOrd(post);
        if (before.has(ord)) continue;
        before.add(ord);
        count.set(ord, (count.get(ord) ?? 0) + 1);
      }
    }
  });
  if (checked.length > 0) {
    for (const [ord, n] of count) {
      let more = 0;
      for (const ids of checked) if (ids.some((id) => inTitle(index, id, ord))) more++;
      if (more > 0) count.set(ord, n + more);
    }
  }
  return [...count]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MATCH.maxCandidates)
    .map(([ord]) => ord);
}

export interface ScoredCandidate {
  ord: number;
  evidence: MatchEvidence;
  confidence: number;
}

/**
 * Every fuzzy candidate that passes the date window and shares an author,
 * with its evidence and confidence (0 = refused). For matchTitle and for
 * looking at why a page did or did not match.
 */
export function fuzzyCandidates(index: TermIndex, papers: readonly Paper[], page: PageInfo): ScoredCandidate[] {
  const month = arxivIdMonth(page.arxivId) ?? dateMonth(page.date);
  if (month === undefined || page.authors.length === 0) return [];
  const seen = new Map<string, ReturnType<Df>>(); // candidates' titles share many words
  const df: Df = (t) => {
    let r = seen.get(t);
    if (!r) {
      const id = lookupTerm(index, t);
      r = id === undefined ? { idf: undefined, df: 0 } : { idf: index.idf(id), df: index.df(id) };
      seen.set(t, r);
    }
    return r;
  };
  // A word no paper has is as rare as a word can be.
  const unknownWeight = Math.log(1 + index.docCount);
  const side = titleSide(page.title, df, unknownWeight);
  if (side.termCount === 0) return [];
  const pk = matchKeys(page.authors);
  const out: ScoredCandidate[] = [];
  for (const ord of titleCandidates(index, terms(side.key))) {
    const paper = papers[ord];
    const pm = dateMonth(paper?.date);
    if (!paper || pm === undefined || pm < month - MATCH.monthsBefore || pm > month + MATCH.monthsAfterLate) continue;
    const authors = overlapKeys(pk, paper);
    if (authors.shared === 0) continue;
    const sim = compareTitles(side, page.title, titleSide(paper.title, df, unknownWeight), paper.title);
    const evidence: MatchEvidence = { ...sim, authors, months: pm - month };
    out.push({ ord, evidence, confidence: fuzzyConfidence(evidence) });
  }
  return out;
}

/**
 * Exact normalized title (confidence 1 with an overlapping author, else 0.8),
 * else the best fuzzy title whose authors overlap and whose date agrees with
 * the arXiv id's month. Never a fuzzy match without both confirmations.
 */
export function matchTitle(
  index: TermIndex,
  papers: readonly Paper[],
  page: PageInfo,
  exactOrds: (key: string) => readonly number[] | undefined,
): TitleMatch | null {
  const key = normalizeTitle(page.title);
  if (key === '') return null;
  const exact = exactOrds(key);
  if (exact && exact.length > 0) {
    const pageKeys: string[] = [];
    const overlapping = exact.find((ord) => papers[ord] && sharesAuthor(page.authors, pageKeys, papers[ord]));
    return {
      ord: overlapping ?? exact[0] ?? 0,
      method: 'title',
      confidence: overlapping === undefined ? TITLE_ONLY_CONFIDENCE : 1,
    };
  }
  let best: { ord: number; confidence: number } | null = null;
  let runnerUp = 0;
  for (const { ord, confidence } of fuzzyCandidates(index, papers, page)) {
    if (confidence === 0) continue;
    if (!best || confidence > best.confidence) {
      runnerUp = best?.confidence ?? runnerUp;
      best = { ord, confidence };
    } else runnerUp = Math.max(runnerUp, confidence);
  }
  if (!best) return null;
  // Two papers by the same people fit about as well: say so with a lower confidence.
  const confidence = best.confidence - runnerUp > 0.1 ? best.confidence : Math.min(best.confidence, 0.6);
  return { ord: best.ord, method: 'fuzzy-title', confidence: round2(confidence) };
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
