/**
 * Match evaluation on the real sample: index 80% of the papers (arXiv ids
 * dropped, so matching must go through titles, as for profile papers), then
 * ask for real titles and perturbed versions of indexed papers, and for real
 * papers that are NOT indexed. Precision counts every wrong paper returned
 * (including any match for a non-indexed paper); recall is over perturbations
 * that keep the authors. A held-out paper whose work is indexed under another
 * id (same normalized abstract or title, and a shared author: the sample has
 * a few papers posted twice) is not a negative and is skipped.
 */
import type { PageInfo } from '../src/arxiv/page-info';
import type { Paper } from '../src/dataset/schema';
import { arxivIdMonth, authorOverlap } from '../src/index/match';
import { normalizeTitle } from '../src/index/normalize';
import { PaperIndex } from '../src/index/paper-index';
import { prng } from './data';

export type Kind =
  | 'exact' | 'case' | 'punctuation' | 'tex' | 'accents' | 'dropped-subtitle' | 'truncated' | 'retitle' | 'typo'
  | 'retitle+initials' | 'negative:not-indexed' | 'negative:same-authors-other-title';

const ACCENTS: Record<string, string> = { e: 'é', a: 'á', o: 'ö', u: 'ü', i: 'í', c: 'ç', n: 'ñ' };

function perturb(kind: Kind, title: string, rand: () => number): string | undefined {
  const words = title.split(' ');
  switch (kind) {
    case 'exact': return title;
    case 'case': return rand() < 0.5 ? title.toUpperCase() : title.toLowerCase();
    case 'punctuation': return `${title.replace(/:/g, ' -').replace(/-/g, ' ').replace(/,/g, ';')}.`;
    case 'tex': {
      const i = words.findIndex((w) => /^[A-Za-z]{4,}$/.test(w));
      if (i < 0) return undefined;
      return words.map((w, k) => (k === i ? `\\emph{${w}}` : w)).join(' ');
    }
    case 'accents': return title.replace(/[eaouicn]/g, (c) => (rand() < 0.3 ? (ACCENTS[c] ?? c) : c));
    case 'dropped-subtitle': {
      const at = title.indexOf(': ');
      if (at < 0) return undefined;
      const head = title.slice(0, at);
      const tail = title.slice(at + 2);
      return head.split(' ').length >= tail.split(' ').length ? head : tail;
    }
    case 'truncated': return words.length >= 7 ? words.slice(0, Math.ceil(words.length * 0.6)).join(' ') : undefined;
    case 'typo': {
      const i = words.findIndex((w) => w.length >= 6);
      if (i < 0) return undefined;
      const w = words[i] ?? '';
      const j = 1 + Math.floor(rand() * (w.length - 2));
      return words.map((x, k) => (k === i ? w.slice(0, j) + (w[j + 1] ?? '') + (w[j] ?? '') + w.slice(j + 2) : x)).join(' ');
    }
    case 'retitle':
    case 'retitle+initials': {
      // Reworded: one word dropped, one inflected, two neighbours swapped, a lead-in added.
      if (words.length < 5) return undefined;
      const w = [...words];
      w.splice(1 + Math.floor(rand() * (w.length - 1)), 1);
      const k = Math.floor(rand() * w.length);
      const word = w[k] ?? '';
      w[k] = /s$/.test(word) ? word.slice(0, -1) : /^[a-z]{4,}$/i.test(word) ? `${word}s` : word;
      const s = Math.floor(rand() * (w.length - 1));
      [w[s], w[s + 1]] = [w[s + 1] ?? '', w[s] ?? ''];
      return `${rand() < 0.5 ? 'Towards' : 'On'} ${w.join(' ')}`;
    }
    default: return title;
  }
}

const initials = (name: string) => {
  const parts = name.split(' ');
  return parts.map((p, i) => (i < parts.length - 1 ? `${p[0] ?? ''}.` : p)).join(' ');
};

export interface MatchEval {
  indexed: number;
  positives: number;
  negatives: number;
  precision: number;
  recall: number;
  perKind: Record<string, { n: number; correct: number; wrong: number; none: number; definite: number }>;
  skippedDateInconsistent: number;
  /** Held-out papers left out of the negatives: the same work is indexed under another id. */
  skippedSameWork: number;
}

/** One asked page and what came back, for looking at failures (bench/match-only.ts --show). */
export interface MatchOutcome {
  kind: Kind;
  page: PageInfo;
  expectId: string | null;
  got: { id: string; confidence: number; method: string } | null;
}

export function evalMatch(
  all: readonly Paper[],
  positivesWanted = 3000,
  negativesWanted = 5000,
  onOutcome?: (o: MatchOutcome, index: PaperIndex) => void,
): MatchEval {
  const rand = prng(777);
  const indexedPapers: Paper[] = [];
  const heldOut: Paper[] = [];
  all.forEach((p, i) => ((i * 2654435761) % 5 === 0 ? heldOut : indexedPapers).push(p));
  const stripped = indexedPapers.map(({ arxivId: _drop, ...p }) => p as Paper);
  const index = PaperIndex.build({ papers: stripped, authors: [] });
  const perKind: MatchEval['perKind'] = {};
  let correct = 0;
  let wrong = 0;
  let recallHit = 0;
  let recallN = 0;
  const record = (kind: Kind, page: PageInfo, expectId: string | null) => {
    const m = index.match(page);
    onOutcome?.({ kind, page, expectId, got: m && { id: m.paper.id, confidence: m.confidence, method: m.method } }, index);
    const k = (perKind[kind] ??= { n: 0, correct: 0, wrong: 0, none: 0, definite: 0 });
    k.n++;
    if (!m) k.none++;
    else if (m.paper.id === expectId) {
      k.correct++;
      correct++;
      if (m.confidence >= 0.9) k.definite++;
    } else {
      k.wrong++;
      wrong++;
    }
    if (expectId !== null && !kind.startsWith('negative')) {
      recallN++;
      if (m?.paper.id === expectId) recallHit++;
    }
  };
  const kinds: Kind[] = ['exact', 'case', 'punctuation', 'tex', 'accents', 'dropped-subtitle', 'truncated', 'retitle', 'typo', 'retitle+initials'];
  let skipped = 0;
  let positives = 0;
  for (let i = 0; positives < positivesWanted && i < indexedPapers.length; i += 7) {
    const p = indexedPapers[i] as Paper;
    const month = arxivIdMonth(p.arxivId ?? '');
    const pm = Number(p.date.slice(0, 4)) * 12 + Number(p.date.slice(5, 7)) - 1;
    // The sample's date is the listing date: a re-listed old paper has an id far from it.
    if (month === undefined || pm < month - 3 || pm > month + 12) {
      skipped++;
      continue;
    }
    positives++;
    for (const kind of kinds) {
      const title = perturb(kind, p.title, rand);
      if (!title) continue;
      const authors = kind === 'retitle+initials' ? p.authors.map(initials) : p.authors;
      record(kind, { arxivId: p.arxivId ?? '', title, authors, abstract: '' }, p.id);
    }
  }
  // The sample holds a few works posted twice under two ids (same abstract,
  // or same title, and the same people): such a held-out paper IS in the
  // indexed part, so it is not a negative. Skipped and counted.
  const sameWork = new Map<string, Paper[]>();
  for (const q of indexedPapers) {
    for (const k of [`t:${normalizeTitle(q.title)}`, `a:${normalizeTitle(q.abstract)}`]) {
      if (k.length > 2) sameWork.set(k, [...(sameWork.get(k) ?? []), q]);
    }
  }
  const postedTwice = (p: Paper) =>
    [`t:${normalizeTitle(p.title)}`, `a:${normalizeTitle(p.abstract)}`].some((k) =>
      (sameWork.get(k) ?? []).some((q) => authorOverlap(p.authors, q).shared > 0),
    );
  let negatives = 0;
  let skippedSameWork = 0;
  for (let i = 0; negatives < negativesWanted && i < heldOut.length; i++) {
    const p = heldOut[i] as Paper;
    if (postedTwice(p)) {
      skippedSameWork++;
      continue;
    }
    negatives++;
    record('negative:not-indexed', { arxivId: p.arxivId ?? '', title: p.title, authors: p.authors, abstract: '' }, null);
    // Adversarial: the authors (and month) of an indexed paper with another real title.
    const other = indexedPapers[(i * 31) % indexedPapers.length] as Paper;
    if (i % 2 === 0) record('negative:same-authors-other-title', { arxivId: other.arxivId ?? '', title: p.title, authors: other.authors, abstract: '' }, null);
  }
  return {
    indexed: indexedPapers.length,
    positives,
    negatives,
    precision: correct + wrong === 0 ? 1 : correct / (correct + wrong),
    recall: recallN === 0 ? 0 : recallHit / recallN,
    perKind,
    skippedDateInconsistent: skipped,
    skippedSameWork,
  };
}
