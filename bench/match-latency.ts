/**
 * Match latency on the sample (bench/run.ts and bench/match-only.ts): pages
 * of dataset papers with their arXiv id (the usual case), and the title path
 * (an id the dataset does not have).
 *
 * The title path is timed twice over the same 1,000 pages: first right after
 * the build, where V8 has not yet optimized the matcher (it is after ~700
 * pages), then in steady state, after warming it on 1,000 OTHER pages of the
 * sample. A worker matches one page per abstract page it answers, so both
 * are real: the first figure is what the first pages after a start meet.
 */
import type { Paper } from '../src/dataset/schema';
import type { PaperIndex } from '../src/index/paper-index';
import { pct, time } from './measure';

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

export interface MatchLatency {
  matchIdP50Us: number;
  /** Steady state (matcher warmed on other pages). */
  matchTitleP50Us: number;
  matchTitleP95Us: number;
  /** The first 1,000 title matches after the build. */
  matchTitleFirstP50Us: number;
}

export function matchLatency(index: PaperIndex, papers: readonly Paper[]): MatchLatency {
  const withId = papers.filter((p) => p.arxivId);
  const sample = withId.filter((_, i) => i % 37 === 0).slice(0, 1000);
  const others = withId.filter((_, i) => i % 37 === 18).slice(0, 1000);
  const byId = (p: Paper) => index.match({ arxivId: p.arxivId ?? '', title: p.title, authors: p.authors, abstract: '' });
  const byTitle = (p: Paper) => index.match({ arxivId: '9901.00001', title: p.title, authors: p.authors, abstract: '' });
  const lat = (pages: Paper[], f: (p: Paper) => unknown) => pages.map((p) => time(() => f(p))[1] * 1000);
  lat(others, byId); // warm the id path
  const matchId = lat(sample, byId);
  const first = lat(sample, byTitle);
  lat(others, byTitle);
  const steady = lat(sample, byTitle);
  return {
    matchIdP50Us: round(pct(matchId, 50), 2),
    matchTitleP50Us: round(pct(steady, 50), 1),
    matchTitleP95Us: round(pct(steady, 95), 1),
    matchTitleFirstP50Us: round(pct(first, 50), 1),
  };
}
