/**
 * Human-readable "similar: batch size, learning rate" labels for a related
 * paper: the shared terms that contribute most to the cosine, with shared
 * two-word phrases preferred.
 */
import type { Paper } from '../dataset/schema';
import type { RelatedQuery } from './types';
import { isPlainAscii } from './normalize';
import { sharedVectorOf } from './tf-idf';
import { forEachAsciiToken, isStopword, terms, tokenize } from './tokenize';

/** Where bigrams() splits a text: pairs do not cross these characters. */
const BREAK_CHARS = '.,;:!?()[]';
const PAIR_BREAK = new RegExp(`[${BREAK_CHARS.replace(/[[\]]/g, '\\$&')}]+`);

/**
 * Adjacent non-stopword token pairs: "batch size", "learning rate". Pairs do
 * not cross punctuation: "gradient descent (SGD)" gives no "descent sgd".
 */
function bigrams(...texts: string[]): Set<string> {
  const out = new Set<string>();
  for (const segment of texts.flatMap((t) => t.split(PAIR_BREAK))) {
    const toks = tokenize(segment);
    for (let i = 0; i + 1 < toks.length; i++) {
      const a = toks[i] ?? '';
      const b = toks[i + 1] ?? '';
      if (!isStopword(a) && !isStopword(b)) out.add(`${a} ${b}`);
    }
  }
  return out;
}

/** The query's two-word phrases, computed once per query rather than once per related paper. */
export interface QueryPairs {
  pairs: ReadonlySet<string>;
  /** The same, second words by first word: a paper's adjacent words are looked up with no string made per pair. */
  byFirst: ReadonlyMap<string, ReadonlySet<string>>;
}

export function queryPairs(q: Pick<RelatedQuery, 'title' | 'abstract'>): QueryPairs {
  const pairs = bigrams(q.title, q.abstract);
  const byFirst = new Map<string, Set<string>>();
  for (const pair of pairs) {
    const [a = '', b = ''] = pair.split(' ');
    const seconds = byFirst.get(a) ?? new Set<string>();
    seconds.add(b);
    byFirst.set(a, seconds);
  }
  return { pairs, byFirst };
}

/** What a related paper's labels are made from: its vector over the query's terms, and the query's pairs it has. */
export interface PaperEvidence {
  dVec: ReadonlyMap<string, number>;
  pairs: ReadonlySet<string>;
}

/** BREAK_CHARS by code. */
const BREAKS = new Set([...BREAK_CHARS].map((ch) => ch.charCodeAt(0)));

/** Whether text[from .. to) holds a PAIR_BREAK character. */
function breaksBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BREAKS.has(text.charCodeAt(i))) return true;
  return false;
}

/**
 * One pass over a plain-ASCII text (tokenize()'s own fast path): its
 * tokens, and the query pairs found in it where bigrams() would find them,
 * i.e. not across PAIR_BREAK. No query pair has a stopword, so none is
 * found across one.
 */
function scanAscii(text: string, qPairs: QueryPairs, found: Set<string>): string[] {
  const tokens: string[] = [];
  let prev = '';
  let prevEnd = 0;
  forEachAsciiToken(text, (t, end) => {
    if (prev !== '' && qPairs.byFirst.get(prev)?.has(t) && !breaksBetween(text, prevEnd, end - t.length)) found.add(`${prev} ${t}`);
    tokens.push(t);
    prev = t;
    prevEnd = end;
  });
  return tokens;
}

/** The evidence for `paper`'s labels (see PaperEvidence); one pass over each text when it is plain ASCII. */
export function paperEvidence(qPairs: QueryPairs, qVec: ReadonlyMap<string, number>, qIdf: ReadonlyMap<string, number>, paper: Pick<Paper, 'title' | 'abstract'>): PaperEvidence {
  if (isPlainAscii(paper.title) && isPlainAscii(paper.abstract)) {
    const pairs = new Set<string>();
    const title = scanAscii(paper.title, qPairs, pairs);
    const abstract = scanAscii(paper.abstract, qPairs, pairs);
    return { dVec: sharedVectorOf(qVec, qIdf, title, abstract), pairs };
  }
  const docPairs = bigrams(paper.title, paper.abstract);
  const pairs = new Set([...qPairs.pairs].filter((p) => docPairs.has(p)));
  return { dVec: sharedVectorOf(qVec, qIdf, terms(paper.title), terms(paper.abstract)), pairs };
}

/**
 * The 1-3 shared terms that contribute most to the similarity; a shared
 * two-word phrase replaces its two words. `qPairs` is queryPairs(query),
 * `paper` the related paper's paperEvidence.
 */
export function similarLabels(qPairs: QueryPairs, qVec: ReadonlyMap<string, number>, paper: PaperEvidence): string[] {
  const contrib = new Map<string, number>();
  for (const [term, w] of qVec) {
    const d = paper.dVec.get(term);
    if (d !== undefined) contrib.set(term, w * d);
  }
  // A bare number ("2", "10") is no explanation; inside a phrase ("cifar 10") it is.
  const items: [string, number][] = [...contrib].filter(([term]) => !/^\d+$/.test(term));
  for (const pair of qPairs.pairs) {
    if (!paper.pairs.has(pair)) continue;
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
