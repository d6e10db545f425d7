import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES_DIR } from './constants.ts';
import { metaContents } from './html.ts';
import type { ServedPage } from './server.ts';

/**
 * The real saved arXiv pages in tests/fixtures/arxiv-abs, as ServedPages
 * keyed by the id in the file name ("1706.03762v7.html" -> 1706.03762).
 * Files whose name is not "<id>[vN].html" (the head-only 2023 page) are left
 * out; that one is reachable only under HEAD_ONLY_FIXTURE.path.
 */
export function loadFixturePages(dir: string = FIXTURES_DIR): ServedPage[] {
  const out: ServedPage[] = [];
  for (const file of readdirSync(dir).sort()) {
    const m = /^(\d{4}\.\d{4,5})(?:v\d+)?\.html$/.exec(file);
    if (!m?.[1]) continue;
    out.push(pageFromHtml(m[1], readFileSync(path.join(dir, file), 'utf8')));
  }
  return out;
}

/** Build a ServedPage from a saved abstract page, reading its citation_* meta tags. */
export function pageFromHtml(id: string, html: string): ServedPage {
  const title = metaContents(html, 'citation_title')[0];
  if (!title) throw new Error(`No citation_title in the page for ${id}`);
  const authors = metaContents(html, 'citation_author').map((a) => {
    const comma = a.indexOf(',');
    return comma > 0 ? `${a.slice(comma + 1).trim()} ${a.slice(0, comma).trim()}` : a;
  });
  const date = metaContents(html, 'citation_date')[0]?.replace(/\//g, '-');
  const abstract = metaContents(html, 'citation_abstract')[0] ?? metaContents(html, 'og:description')[0];
  return { id, title, authors, html, ...(date ? { date } : {}), ...(abstract ? { abstract } : {}) };
}

/**
 * The 2023 `<head>`-only save of 1902.02534v2. It is served only at this
 * explicit address (a query string arXiv itself would ignore), so
 * /abs/1902.02534 keeps serving the full page.
 */
export const HEAD_ONLY_FIXTURE = {
  file: '1902.02534v2_head-only_2023.html',
  id: '1902.02534',
  path: '/abs/1902.02534v2?fixture=head-only-2023',
} as const;

/** `{ [HEAD_ONLY_FIXTURE.path]: html }`, ready for startArxivServer's `aliases`. */
export function fixtureAliases(dir: string = FIXTURES_DIR): Record<string, string> {
  return { [HEAD_ONLY_FIXTURE.path]: readFileSync(path.join(dir, HEAD_ONLY_FIXTURE.file), 'utf8') };
}
