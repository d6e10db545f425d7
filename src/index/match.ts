/**
 * Matching an arXiv page to a dataset paper when the arXiv id is unknown:
 * exact normalized title, else a fuzzy title confirmed by authors and date.
 * Pure functions over the TermIndex; see README "Match".
 */
import type { PageInfo } from '../arxiv/page-info';
import type { Paper } from '../dataset/schema';
import { authorKey, firstInitialKey, normalizeTitle } from './normalize';
import { postingTitleTf, type TermIndex } from './term-index';
import { terms } from './tokenize';

/** Confidence of an exact normalized-title match when no author overlaps. */
export const TITLE_ONLY_CONFIDENCE = 0.8;
/** Below this a match is shown as "possible match". */
export const POSSIBLE_MATCH_BELOW = 0.9;

const MATCH = {
  /** Rarest page-title terms whose postings give the candidates. */
  seedTerms: 4,
  /** Candidates scored in full (most shared seed terms first). */
  maxCandidates: 64,
  /** Paper date may be this many months before / after the arXiv id's month. */
  monthsBefore: 1,
  monthsAfter: 3,
} as const;

/** "samuel l smith" / "S. L. Smith" / "Smith, Samuel" -> "s smith": robust to initials. */
export function authorMatchKey(name: string): string {
  return firstInitialKey(authorKey(name)) || authorKey(name);
}

/** Months since year 0 of an arXiv id's YYMM ("2101.12176" -> 2021-01, "hep-th/9901001" -> 1999-01). */
export function arxivIdMonth(id: string): number | undefined {
  const m = /(?:^|\/)(\d{2})(\d{2})(?:\.\d{4,5}|\d{3})(?:v\d+)?$/.exec(id.trim());
  if (!m) return undefined;
  const yy = Number(m[1]);
  const mm = Number(m[2]);
  if (mm < 1 || mm > 12) return undefined;
  const year = yy >= 91 ? 1900 + yy : 2000 + yy;
  return year * 12 + mm - 1;
}

function dateMonth(date: string | undefined): number | undefined {
  const m = date === undefined ? null : /^(\d{4})-(\d{2})/.exec(date);
  return m ? Number(m[1]) * 12 + Number(m[2]) - 1 : undefined;
}

/** Crude stem so "decaying"/"decay", "networks"/"network" count as one word. */
function stem(t: string): string {
  if (t.length <= 4) return t;
  return t.replace(/(ations?|ings?|ies|ed|es|s|ly|al)$/, '') || t;
}

/** Character trigrams of a title without spaces. */
function trigrams(s: string): Map<string, number> {
  const x = s.replace(/ /g, '');
  const out = new Map<string, number>();
  for (let i = 0; i + 3 <= x.length; i++) out.set(x.slice(i, i + 3), (out.get(x.slice(i, i + 3)) ?? 0) + 1);
  return out;
}

function diceCounts(a: Map<string, number>, b: Map<string, number>): number {
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v;
  for (const v of b.values()) nb += v;
  for (const [k, v] of a) inter += Math.min(v, b.get(k) ?? 0);
  return na + nb === 0 ? 0 : (2 * inter) / (na + nb);
}

export interface TitleSimilarity {
  /** Stemmed, idf-weighted Dice of the two titles' words, 0..1. */
  words: number;
  /** Character-trigram Dice (catches typos and split/merged words), 0..1. */
  chars: number;
  /** One normalized title is a contiguous part of the other with 3+ words (truncated, subtitle dropped). */
  contained: boolean;
}

/** Similarity of two titles: words (stemmed, idf-weighted), characters, containment. */
export function titleSimilarity(a: string, b: string, idf: (stemmed: string) => number = () => 1): TitleSimilarity {
  const na = normalizeTitle(a);
  const nb = normalizeTitle(b);
  const ta = terms(na);
  const tb = terms(nb);
  const sa = new Set(ta.map(stem));
  const sb = new Set(tb.map(stem));
  let wa = 0;
  let wb = 0;
  let shared = 0;
  for (const t of sa) wa += idf(t);
  for (const t of sb) {
    const w = idf(t);
    wb += w;
    if (sa.has(t)) shared += w;
  }
  // Truncated (a prefix) or subtitle dropped (one side of a colon), 3+ words left.
  const [short, long, longRaw] = na.length <= nb.length ? [na, nb, b] : [nb, na, a];
  const contained =
    Math.min(ta.length, tb.length) >= 3 &&
    short !== long &&
    (long.startsWith(`${short} `) || longRaw.split(/:\s/).some((part) => normalizeTitle(part) === short));
  return {
    words: wa + wb === 0 ? 0 : (2 * shared) / (wa + wb),
    chars: diceCounts(trigrams(na), trigrams(nb)),
    contained,
  };
}

/** Author overlap: shared match keys, and that count over the shorter list. */
export function authorOverlap(pageAuthors: readonly string[], paper: Paper): { shared: number; fraction: number } {
  const pk = new Set(pageAuthors.map(authorMatchKey).filter((k) => k !== ''));
  const dk = new Set(paper.authors.map(authorMatchKey).filter((k) => k !== ''));
  let shared = 0;
  for (const k of pk) if (dk.has(k)) shared++;
  const base = paper.authorsTruncated ? pk.size : Math.min(pk.size, dk.size);
  return { shared, fraction: base === 0 ? 0 : Math.min(1, shared / base) };
}

export interface TitleMatch {
  ord: number;
  method: 'title' | 'fuzzy-title';
  confidence: number;
}

/**
 * Candidates: papers whose title holds one of the page title's rarest terms.
 * Returns ordinals, most shared seed terms first.
 */
function titleCandidates(index: TermIndex, pageTerms: readonly string[]): number[] {
  const seeds = [...new Set(pageTerms)]
    .map((t) => index.termId(t))
    .filter((id): id is number => id !== undefined)
    .sort((a, b) => index.df(a) - index.df(b))
    .slice(0, MATCH.seedTerms);
  const count = new Map<number, number>();
  for (const id of seeds) {
    const end = index.offsets[id + 1] ?? 0;
    for (let p = index.offsets[id] ?? 0; p < end; p++) {
      if (postingTitleTf(index.codes[p] ?? 0) === 0) continue;
      const ord = index.ords[p] ?? 0;
      count.set(ord, (count.get(ord) ?? 0) + 1);
    }
  }
  return [...count]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MATCH.maxCandidates)
    .map(([ord]) => ord);
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
  const pageTerms = terms(key);
  const exact = exactOrds(key);
  if (exact && exact.length > 0) {
    const overlapping = exact.find((ord) => papers[ord] && authorOverlap(page.authors, papers[ord]).shared > 0);
    return {
      ord: overlapping ?? exact[0] ?? 0,
      method: 'title',
      confidence: overlapping === undefined ? TITLE_ONLY_CONFIDENCE : 1,
    };
  }
  const month = arxivIdMonth(page.arxivId) ?? dateMonth(page.date);
  if (month === undefined || page.authors.length === 0 || pageTerms.length === 0) return null;
  const idf = (t: string) => {
    const id = index.termId(t);
    return id === undefined ? Math.log(1 + index.docCount) : index.idf(id);
  };
  let best: { ord: number; confidence: number } | null = null;
  let runnerUp = 0;
  for (const ord of titleCandidates(index, pageTerms)) {
    const paper = papers[ord];
    const pm = dateMonth(paper?.date);
    if (!paper || pm === undefined || pm < month - MATCH.monthsBefore || pm > month + MATCH.monthsAfter) continue;
    const authors = authorOverlap(page.authors, paper);
    if (authors.shared === 0) continue;
    const sim = titleSimilarity(key, paper.title, idf);
    const confidence = fuzzyConfidence(sim, authors.shared, authors.fraction);
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

/**
 * Fuzzy confidence from title similarity and author agreement (date already
 * checked); 0 = no match. A near-identical title (or a truncated one, or one
 * with its subtitle dropped) needs one shared author; a reworded one needs
 * most of the authors. Thresholds are tuned on bench/eval-match.ts, whose
 * adversarial negatives are other papers by the same authors.
 */
export function fuzzyConfidence(sim: TitleSimilarity, sharedAuthors: number, authorFraction: number): number {
  const authorsAgree = authorFraction >= 0.75 && (sharedAuthors >= 2 || authorFraction === 1);
  const near = Math.max(sim.words, sim.chars);
  if (near >= 0.9 && authorFraction >= 0.5) return 0.9 + 0.07 * authorFraction;
  if (sim.contained && authorFraction >= 0.5) return authorsAgree ? 0.9 : 0.8;
  if (near >= 0.8 && authorsAgree) return 0.75 + 0.1 * ((near - 0.8) / 0.1);
  return 0;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Ordinals (ascending) of the papers whose normalized title is `key`, found
 * through the postings of the key's rarest title term: no title map needed.
 * undefined when the key has no content term (the caller scans instead).
 */
export function exactTitleOrds(index: TermIndex, papers: readonly Paper[], key: string): number[] | undefined {
  const ts = terms(key);
  if (ts.length === 0) return undefined;
  let rarest = -1;
  for (const t of ts) {
    const id = index.termId(t);
    if (id === undefined) return [];
    if (rarest < 0 || index.df(id) < index.df(rarest)) rarest = id;
  }
  const out: number[] = [];
  const end = index.offsets[rarest + 1] ?? 0;
  for (let p = index.offsets[rarest] ?? 0; p < end; p++) {
    if (postingTitleTf(index.codes[p] ?? 0) === 0) continue;
    const ord = index.ords[p] ?? 0;
    const paper = papers[ord];
    if (paper && normalizeTitle(paper.title) === key) out.push(ord);
  }
  return out;
}
