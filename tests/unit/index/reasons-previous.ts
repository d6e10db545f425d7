// reasons.ts before the rewrite: the oracle's label picker (see related-previous.ts).
/**
 * Human-readable "similar: batch size, learning rate" labels for a related
 * paper: the shared terms that contribute most to the cosine, with shared
 * two-word phrases preferred.
 */
import type { Paper } from '../../../src/dataset/schema';
import type { RelatedQuery } from '../../../src/index/types';
import { isStopword, tokenize } from '../../../src/index/tokenize';

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
export function similarLabels(
  q: Pick<RelatedQuery, 'title' | 'abstract'>,
  qVec: ReadonlyMap<string, number>,
  dVec: ReadonlyMap<string, number>,
  paper: Pick<Paper, 'title' | 'abstract'>,
): string[] {
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
