/**
 * How alike two titles are, for the fuzzy match (match.ts): stemmed,
 * idf-weighted word overlap seen from each side (with typos paired by one
 * edit), character trigrams, and containment (truncated, subtitle dropped).
 * Pure functions; see README "Match".
 */
import { normalizeTitle } from './normalize';
import { isStopword, terms, tokenize } from './tokenize';
import { editDistance } from './typo';

/**
 * Crude stem so "decaying"/"decay", "networks"/"network", "images"/"image"
 * count as one word. Consistent rather than correct: a word and its plural
 * (or the plural of a plural-looking word) end up with the same stem.
 */
export function stem(t: string): string {
  let w = t;
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  const suffix = /(?:ation|ing|ed|ly|al|e)$/.exec(w);
  if (suffix && w.length - suffix[0].length >= 3) w = w.slice(0, -suffix[0].length);
  return w;
}

/** One stemmed content word of a title: its spelling and weight; rare: in at most 3 papers (typo-prone). */
interface Word {
  term: string;
  weight: number;
  rare: boolean;
}

/** A word in at most this many papers may be a typo of a title word. */
const RARE_DF = 3;

/** A title's stemmed content words (stopwords, also after stemming, dropped). */
function stemWords(key: string, df: Df, unknownWeight: number): Map<string, Word> {
  const out = new Map<string, Word>();
  for (const t of terms(key)) {
    const s = stem(t);
    if (isStopword(s) || (t.endsWith('s') && isStopword(t.slice(0, -1)))) continue; // "withs", "alreadys": an inflected stopword
    const { idf, df: n } = df(t);
    const weight = idf ?? unknownWeight;
    const prev = out.get(s);
    if (!prev || weight > prev.weight) out.set(s, { term: t, weight, rare: n <= RARE_DF });
  }
  return out;
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
  /** Share of the first (page) title's word weight found in the second, 0..1. */
  firstCovered: number;
  /** Share of the second (paper) title's word weight found in the first, 0..1. */
  secondCovered: number;
  /** Character-trigram Dice (catches typos and split/merged words), 0..1. */
  chars: number;
  /** One normalized title is a contiguous part of the other (truncated, subtitle dropped): its content words, else 0. */
  contained: number;
}

/** The page side of a comparison, computed once per page. */
export interface TitleSide {
  key: string;
  words: Map<string, Word>;
  tri: Map<string, number>;
  /** Content words (stopwords dropped), and all words. */
  termCount: number;
  tokenCount: number;
  /** Its stopwords of 4+ letters ("towards"): a misspelt one is no new word. */
  stops: string[];
}

/** A term's idf (undefined: no paper has it) and document frequency. */
export type Df = (term: string) => { idf: number | undefined; df: number };

export function titleSide(raw: string, df: Df, unknownWeight: number): TitleSide {
  const key = normalizeTitle(raw);
  const tokens = tokenize(key);
  return {
    key, words: stemWords(key, df, unknownWeight), tri: trigrams(key), tokenCount: tokens.length,
    termCount: tokens.filter((t) => !isStopword(t)).length,
    stops: tokens.filter((t) => t.length >= 4 && isStopword(t)),
  };
}

/**
 * Content words of the shorter title when it is a prefix of the longer or one
 * side of one of its colons (truncated, subtitle dropped) with 4+ words, 2+ of
 * them content words; else 0.
 */
function containedWords(a: TitleSide, aRaw: string, b: TitleSide, bRaw: string): number {
  const [short, long, longRaw] = a.key.length <= b.key.length ? [a, b, bRaw] : [b, a, aRaw];
  if (short.tokenCount < 4 || short.termCount < 2 || short.key === long.key) return 0;
  const inside = long.key.startsWith(`${short.key} `) || longRaw.split(/:\s/).some((part) => normalizeTitle(part) === short.key);
  return inside ? short.termCount : 0;
}

/**
 * Word overlap of a (the page) and b (the paper), idf-weighted; a shared word
 * weighs what it weighs in b (the dataset's spelling is always indexed). A
 * rare page word ("laboartory", "consistencys": in at most 3 papers) one edit
 * from a word of b counts as that word: a typo, not a new word.
 */
export function compareTitles(a: TitleSide, aRaw: string, b: TitleSide, bRaw: string): TitleSimilarity {
  let wa = 0;
  let wb = 0;
  let shared = 0;
  const unmatched: Word[] = [];
  for (const [s, w] of b.words) {
    wb += w.weight;
    if (a.words.has(s)) shared += w.weight;
    else unmatched.push(w);
  }
  for (const [s, w] of a.words) {
    const inB = b.words.get(s);
    if (inB) {
      wa += inB.weight;
      continue;
    }
    if (w.rare && w.term.length >= 4) {
      const i = unmatched.findIndex((u) => editDistance(w.term, u.term, 1) <= 1);
      const u = unmatched[i];
      if (u) {
        unmatched.splice(i, 1);
        shared += u.weight;
        wa += u.weight;
        continue;
      }
      // A misspelling of a word already matched, or of a stopword ("twoards"), adds nothing.
      const near = (x: string) => editDistance(w.term, x, 1) <= 1;
      if ([...b.words.values()].some((x) => near(x.term)) || b.stops.some(near)) continue;
    }
    wa += w.weight;
  }
  return {
    words: wa + wb === 0 ? 0 : (2 * shared) / (wa + wb),
    firstCovered: wa === 0 ? 0 : shared / wa,
    secondCovered: wb === 0 ? 0 : shared / wb,
    chars: diceCounts(a.tri, b.tri),
    contained: containedWords(a, aRaw, b, bRaw),
  };
}

/** Similarity of two titles (page first): words (stemmed, idf-weighted), characters, containment. */
export function titleSimilarity(a: string, b: string, df: Df = () => ({ idf: 1, df: 100 })): TitleSimilarity {
  return compareTitles(titleSide(a, df, 1), a, titleSide(b, df, 1), b);
}
