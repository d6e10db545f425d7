/**
 * Tokens for the index. Everything goes through normalizeTitle first, so a
 * token from a seed profile, an arXiv page and a search box agree on case,
 * accents, TeX and punctuation ("DP-SGD" -> "dp", "sgd").
 */
import { authorKey, isPlainAscii, normalizeTitle } from './normalize';

/**
 * A small English stopword set (plus a few words of abstract boilerplate):
 * words that say nothing about what a paper is about. Kept short on purpose: words like "learning" or "model" are frequent
 * but still carry meaning, and idf already discounts them.
 */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'about', 'above', 'across', 'after', 'again', 'against', 'all', 'almost', 'already', 'also',
  'although', 'always', 'am', 'among', 'an', 'and', 'another', 'any', 'are', 'around', 'as', 'at',
  'be', 'because', 'been', 'before', 'being', 'below', 'between', 'beyond', 'both', 'but', 'by',
  'can', 'could', 'did', 'do', 'does', 'doing', 'during', 'each', 'either', 'even', 'every', 'for',
  'from', 'further', 'furthermore', 'had', 'has', 'have', 'having', 'he', 'hence', 'her', 'here',
  'his', 'how', 'however', 'if', 'in', 'into', 'is', 'it', 'its', 'just', 'many', 'may', 'more',
  'moreover', 'most', 'much', 'my', 'no', 'nor', 'not', 'of', 'off', 'often', 'on', 'once', 'one',
  'only', 'or', 'other', 'our', 'out', 'over', 'own', 'per', 'rather', 'same', 'several', 'she',
  'should', 'since', 'so', 'some', 'still', 'such', 'than', 'that', 'the', 'their', 'them', 'then',
  'there', 'therefore', 'these', 'they', 'this', 'those', 'though', 'through', 'thus', 'to', 'too',
  'toward', 'towards', 'typically', 'under', 'until', 'up', 'upon', 'us', 'usually', 'very', 'via',
  'was', 'we', 'well', 'were', 'what', 'when', 'where', 'whereas', 'whether', 'which', 'while',
  'who', 'whom', 'whose', 'why', 'will', 'with', 'within', 'without', 'would', 'yet', 'you', 'your',
  // abstract boilerplate: "here we show", "in this paper we propose"
  'demonstrate', 'novel', 'paper', 'present', 'propose', 'proposed', 'show', 'shown', 'shows',
  'significantly', 'using',
  // TeX math commands stripTex turns into words: "$B \propto \epsilon N$"
  'approx', 'cdot', 'cdots', 'dots', 'geq', 'infty', 'ldots', 'leq', 'neq', 'propto', 'simeq',
]);

/** A token is kept when it has 2+ characters, or is a single digit ("3"). */
function keep(token: string): boolean {
  return token.length > 1 || (token.length === 1 && token >= '0' && token <= '9');
}

/** Normalized tokens in order, stopwords included: "The $\alpha$-GAN" -> ["the", "alpha", "gan"]. */
export function tokenize(text: string): string[] {
  if (isPlainAscii(text)) return asciiTokens(text);
  const norm = normalizeTitle(text);
  if (norm === '') return [];
  return norm.split(' ').filter(keep);
}

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/** Content terms: tokenize() without stopwords. */
export function terms(text: string): string[] {
  return tokenize(text).filter((t) => !STOPWORDS.has(t));
}

/**
 * Terms of an author name for search: "Smith, Samuel L." -> ["samuel", "smith"].
 * Stopwords are kept here (a surname can be "An" or "De").
 */
export function authorTerms(name: string): string[] {
  const key = authorKey(name);
  if (key === '') return [];
  return key.split(' ').filter(keep);
}

/** tokenize() for plain ASCII in one pass (same output, no regexes): most titles and abstracts. */
function asciiTokens(text: string): string[] {
  const out: string[] = [];
  forEachAsciiToken(text, (t) => out.push(t));
  return out;
}

/**
 * Each token tokenize() gives for plain-ASCII `text`, in order, with the
 * index in `text` just past it (reasons.ts looks at what lies between two).
 */
export function forEachAsciiToken(text: string, visit: (token: string, end: number) => void): void {
  const lower = text.toLowerCase();
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const c = i < lower.length ? lower.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const t = lower.slice(start, i);
      if (keep(t)) visit(t, i);
      start = -1;
    }
  }
}
