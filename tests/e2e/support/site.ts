import { fixtureAliases, loadFixturePages } from './fixture-pages.ts';
import { seedPages, type GeneratedPage, type SeedPaper } from './seed-pages.ts';
import { startArxivServer, type ArxivServer, type ArxivServerOptions, type ServedPage } from './server.ts';

export interface ArxivSite {
  /** Everything the server serves by id: fixtures, seed pages, extra pages. */
  pages: ServedPage[];
  /** Explicit-address pages (the head-only fixture). */
  aliases: Record<string, string>;
  /** The generated seed pages, in seed order (ids 9912.00001...). */
  seed: GeneratedPage[];
}

/**
 * The local arXiv the e2e tests and `npm run demo` browse: the real fixture
 * pages, a generated page per seed paper (when `seedPapers` is given) and any
 * extra pages (e.g. a "not in your dataset" paper made with servedPage()).
 */
export function buildArxivSite(opts: { seedPapers?: readonly SeedPaper[]; extraPages?: readonly ServedPage[] } = {}): ArxivSite {
  const seed = seedPages(opts.seedPapers ?? []);
  return {
    pages: [...loadFixturePages(), ...seed, ...(opts.extraPages ?? [])],
    aliases: fixtureAliases(),
    seed,
  };
}

/** A running server plus the site it serves. */
export type ArxivSiteServer = ArxivServer & { site: ArxivSite };

/** buildArxivSite + startArxivServer. */
export async function startArxivSite(
  opts: { seedPapers?: readonly SeedPaper[]; extraPages?: readonly ServedPage[] } & Omit<ArxivServerOptions, 'pages' | 'aliases'> = {},
): Promise<ArxivSiteServer> {
  const { seedPapers, extraPages, ...serverOpts } = opts;
  const site = buildArxivSite({ ...(seedPapers ? { seedPapers } : {}), ...(extraPages ? { extraPages } : {}) });
  const server = await startArxivServer({ ...serverOpts, pages: site.pages, aliases: site.aliases });
  return { ...server, site };
}
