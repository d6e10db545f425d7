import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { parseQuery, TYPO_FACTOR, TYPO_MIN_POSTINGS } from '../../../src/index/search';
import { editDistance, TYPO_MIN_LENGTH } from '../../../src/index/typo';
import { authorTerms, STOPWORDS, terms } from '../../../src/index/tokenize';
import { prng } from '../../support/prng';


// Words with shared prefixes, so prefix queries expand to several terms.
const WORDS = [
  'batch', 'batches', 'bath', 'train', 'training', 'trainer', 'gradient', 'grad', 'graph', 'graphs',
  'noise', 'noisy', 'norm', 'normalization', 'normal', 'deep', 'deeper', 'net', 'network', 'networks',
  'private', 'privacy', 'prior', 'rate', 'rates', 'ratio', 'scale', 'scaling', 'sgd', 'dp', '10', '2',
];
const FILLER = ['the', 'of', 'and', 'with', 'on', 'we', 'show'];
const NAMES = ['Samuel L. Smith', 'Soham De', 'Andrew Brock', 'Çağlar Gülçehre', 'Yu An', 'Ada Smithson', 'Bob Batchelor'];

function corpus(rand: () => number, n: number): Paper[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const words = (k: number) =>
    Array.from({ length: k }, () => (rand() < 0.2 ? pick(FILLER) : pick(WORDS))).join(rand() < 0.5 ? ' ' : ', ');
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    title: words(1 + Math.floor(rand() * 5)),
    authors: Array.from({ length: Math.floor(rand() * 3) }, () => pick(NAMES)),
    authorsTruncated: false,
    affiliations: [],
    categories: ['cs.LG'],
    date: `20${10 + Math.floor(rand() * 14)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
    abstract: rand() < 0.2 ? '' : words(Math.floor(rand() * 12)),
    hasCode: false,
    sources: ['gen'],
  }));
}

function randomQuery(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const pool = [...WORDS, ...FILLER, 'smith', 'samuel', 'gulcehre', 'an', 'zzz', 'de', 'batchelor', 'trainnig', 'grpahs', 'normalisation', 'privte', 'smithsn'];
  const toks = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(pool));
  const last = toks.length - 1;
  const word = toks[last] ?? '';
  if (rand() < 0.6 && word.length > 2) toks[last] = word.slice(0, 2 + Math.floor(rand() * (word.length - 2)));
  return toks.join(' ') + (rand() < 0.2 ? ' ' : '');
}

/**
 * The reference: scan every paper's terms. A token matches its exact term (or,
 * while typed, every term it starts); a token of 5+ characters whose terms
 * occur fewer than TYPO_MIN_POSTINGS times also matches terms one edit away
 * (while typed: terms starting with a string one edit away).
 *
 * Its score, written out from the ranking's definition: per token, the best
 * of its matched terms' idf (ln(1 + papers / df)) x the term's factor (the
 * typed share of the term, halved for a typo) x the best field the term is
 * in (title 3, authors 2, abstract 1); summed over the tokens.
 */
function bruteForce(papers: readonly Paper[], query: string): Map<string, { terms: string[]; score: number }> {
  const fields = papers.map((p) => ({ title: new Set(terms(p.title)), authors: new Set(p.authors.flatMap(authorTerms)), abstract: new Set(terms(p.abstract)) }));
  const docs = fields.map((f) => new Set([...f.title, ...f.abstract, ...f.authors]));
  const all = [...new Set(docs.flatMap((d) => [...d]))];
  const df = (t: string) => docs.filter((d) => d.has(t)).length;
  const idf = (t: string) => Math.log(1 + papers.length / df(t));
  const tokenTerms: Map<string, number>[] = []; // term -> factor
  for (const q of parseQuery(query)) {
    const exact = all.filter((t) => (q.prefix ? t.startsWith(q.token) : t === q.token));
    if (exact.length === 0 && q.prefix && [...STOPWORDS].some((s) => s.startsWith(q.token))) continue;
    const factors = new Map(exact.map((t) => [t, q.token.length / t.length]));
    const cost = exact.reduce((n, t) => n + df(t), 0);
    if (cost < TYPO_MIN_POSTINGS && q.token.length >= TYPO_MIN_LENGTH) {
      for (const t of all) {
        const lens = q.prefix ? [q.token.length - 1, q.token.length, q.token.length + 1].filter((k) => k <= t.length) : [t.length];
        const typo = TYPO_FACTOR * (q.prefix ? Math.min(1, q.token.length / t.length) : 1);
        if (lens.some((k) => editDistance(q.token, t.slice(0, k)) <= 1)) factors.set(t, Math.max(factors.get(t) ?? 0, typo));
      }
    }
    tokenTerms.push(factors);
  }
  const out = new Map<string, { terms: string[]; score: number }>();
  if (tokenTerms.length === 0) return out;
  papers.forEach((p, i) => {
    const doc = docs[i] ?? new Set<string>();
    const f = fields[i];
    const matched = new Set<string>();
    let score = 0;
    for (const factors of tokenTerms) {
      const hits = [...doc].filter((t) => factors.has(t));
      if (hits.length === 0) return;
      hits.forEach((t) => matched.add(t));
      const field = (t: string) => (f?.title.has(t) ? 3 : f?.authors.has(t) ? 2 : 1);
      score += Math.max(...hits.map((t) => idf(t) * (factors.get(t) ?? 0) * field(t)));
    }
    out.set(p.id, { terms: [...matched].sort(), score });
  });
  return out;
}

describe('search vs brute force on generated corpora', () => {
  for (const seed of [1, 7, 42]) {
    it(`finds exactly the matching papers (seed ${seed})`, () => {
      const rand = prng(seed);
      const papers = corpus(rand, 80);
      const index = PaperIndex.build({ papers, authors: [] });
      let nonEmpty = 0;
      for (let i = 0; i < 250; i++) {
        const q = randomQuery(rand);
        const expected = bruteForce(papers, q);
        const hits = index.search(q, 1000);
        expect(new Set(hits.map((h) => h.paper.id)), q).toEqual(new Set(expected.keys()));
        for (const h of hits) {
          expect(h.matchedTerms, `${q} / ${h.paper.id}`).toEqual(expected.get(h.paper.id)?.terms);
          expect(h.score, `${q} / ${h.paper.id}: score`).toBeCloseTo(expected.get(h.paper.id)?.score ?? NaN, 9);
        }
        // Ranked: scores descending, ties newest first.
        for (let k = 1; k < hits.length; k++) {
          const a = hits[k - 1];
          const b = hits[k];
          if (!a || !b) continue;
          expect(a.score).toBeGreaterThanOrEqual(b.score);
          if (a.score === b.score) expect(a.paper.date >= b.paper.date).toBe(true);
        }
        if (hits.length > 0) nonEmpty++;
      }
      // The generator must exercise real matches, not just empty results.
      expect(nonEmpty).toBeGreaterThan(80);
    });
  }
});

describe('a short top k is the head of the full ranking', () => {
  // The walk of a prefix range stops once the top k cannot change: check it against the walk to the end.
  for (const seed of [3, 11]) {
    it(`same papers in the same order, with and without filters (seed ${seed})`, () => {
      const rand = prng(seed);
      const papers = corpus(rand, 400);
      const index = PaperIndex.build({ papers, authors: [] });
      const ids = (q: string, k: number, f?: { yearFrom: number }) => index.search(q, k, f).map((h) => `${h.paper.id}:${h.score}`);
      for (let i = 0; i < 200; i++) {
        const q = randomQuery(rand);
        const f = rand() < 0.3 ? { yearFrom: 2018 } : undefined;
        const full = ids(q, 10_000, f);
        for (const k of [1, 3, 10]) expect(ids(q, k, f), `${q} k=${k}`).toEqual(full.slice(0, k));
      }
    });
  }
});

describe('typed key by key: each keystroke answers as a fresh index would', () => {
  // Searches share scratch arrays per index (search.ts): no keystroke may
  // depend on the ones typed before it. Each is checked against an index
  // that has answered nothing.
  for (const seed of [5, 23]) {
    it(`same papers, scores, order and marked terms (seed ${seed})`, () => {
      const rand = prng(seed);
      const papers = corpus(rand, 120);
      const typed = PaperIndex.build({ papers, authors: [] });
      let compared = 0;
      for (let i = 0; i < 25; i++) {
        const words = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => randomQuery(rand).trim().split(' ')[0] ?? 'a');
        const text = words.join(' ');
        for (let n = 1; n <= text.length; n++) {
          const q = text.slice(0, n);
          const k = rand() < 0.5 ? 5 : 1000;
          const fresh = PaperIndex.build({ papers, authors: [] }).search(q, k);
          expect(typed.search(q, k), q).toEqual(fresh);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(300);
    });
  }
});
