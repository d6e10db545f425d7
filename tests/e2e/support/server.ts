import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { normalizeTitle } from '../../../src/index/normalize.ts';
import { createSelfSignedCert, type KeyAndCert } from './cert.ts';
import { escapeHtml } from './html.ts';

/** One abstract page the server can serve, with what the search page needs. */
export interface ServedPage {
  /** arXiv id without version: "1706.03762", "hep-th/9901001" or a synthetic "9912.00001". */
  id: string;
  /** Raw title (as in citation_title). */
  title: string;
  /** Display names, "First Last". */
  authors: string[];
  /** Abstract for the search result snippet. */
  abstract?: string;
  /** "YYYY-MM-DD", shown in search results. */
  date?: string;
  /** The full HTML document. */
  html: string;
  /** Listed by /search/ (default true). */
  searchable?: boolean;
}

export interface ArxivServerOptions {
  /** Abstract pages by id; `/abs/<id>` and `/abs/<id>vN` (any N) serve the page. */
  pages: Iterable<ServedPage>;
  /**
   * Exact request targets ("/abs/1902.02534v2?fixture=head-only") served with
   * the given HTML before any other routing. Use for pages that must not be
   * reachable under their plain id (like the head-only 2023 fixture).
   */
  aliases?: Record<string, string>;
  /**
   * A page for an id `pages` does not have, made when asked for: a walk that
   * follows the sidebar's links (bench/sidebar-browser.ts) can reach any of
   * the 74,728 sample papers, too many pages to make up front.
   */
  pageFor?: (id: string) => ServedPage | undefined;
  /** Default 0 = a free port chosen by the OS. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: a fresh self-signed certificate for the arXiv hosts. */
  tls?: KeyAndCert;
  /** Log each request to stderr (for `npm run demo`). */
  log?: boolean;
  /**
   * Answer the pages' main stylesheet (/static/.../css/arXiv.css) with a small
   * stand-in (STAND_IN_CSS) so screenshots and the demo look like a page, not
   * like unstyled HTML with a screen-sized search icon. Every other static
   * asset is still a 404. Default true; false makes every asset a 404.
   */
  standInCss?: boolean;
}

/**
 * How arXiv's own static assets (/static/..., the stylesheets and the
 * parser-blocking scripts in an abstract page's <head>) are answered:
 * 'not-found' (default) a fast, uncacheable 404, as on a first visit that
 * finds nothing; 'cached' a 200 stand-in (empty, arXiv.css the stand-in
 * stylesheet) that the browser may keep for a year, as a returning reader's
 * browser keeps arXiv's versioned assets. Other hosts are never answered.
 */
export type StaticAssets = 'not-found' | 'cached';

export interface ArxivServer {
  port: number;
  /** Changes how /static/ assets are answered from the next request on. */
  setStaticAssets(mode: StaticAssets): void;
  /** "https://127.0.0.1:<port>" (use https://arxiv.org/... in the mapped browser). */
  url: string;
  /** Request log, "GET /abs/1706.03762v7 200", in arrival order. */
  requests: string[];
  close(): Promise<void>;
}

/** New-style (2007+) and old-style arXiv ids, optional version. */
const ID_RE = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/;

/** Split "1706.03762v7" into id and version; undefined if it is no arXiv id. */
export function parseArxivId(s: string): { id: string; version?: number } | undefined {
  const m = ID_RE.exec(s);
  if (!m?.[1]) return undefined;
  return m[2] ? { id: m[1], version: Number(m[2]) } : { id: m[1] };
}

/**
 * True when every word of the query occurs in the title, after the same
 * normalization the extension uses (case, punctuation, TeX, accents ignored).
 * This is how arXiv's title search behaves for plain word queries.
 */
export function titleMatches(title: string, query: string): boolean {
  const q = normalizeTitle(query).split(' ').filter(Boolean);
  if (q.length === 0) return false;
  const words = new Set(normalizeTitle(title).split(' '));
  return q.every((w) => words.has(w));
}

/**
 * An HTTPS server that answers like arxiv.org for the routes the extension
 * touches: abstract pages and title search. Everything else, including the
 * real pages' static assets, is a fast 404.
 */
export async function startArxivServer(opts: ArxivServerOptions): Promise<ArxivServer> {
  const pages = new Map<string, ServedPage>();
  for (const p of opts.pages) {
    if (!parseArxivId(p.id) || parseArxivId(p.id)?.version !== undefined) {
      throw new Error(`ServedPage id must be an arXiv id without version, got "${p.id}"`);
    }
    if (pages.has(p.id)) throw new Error(`Two pages for arXiv id ${p.id}`);
    pages.set(p.id, p);
  }
  const aliases = new Map(Object.entries(opts.aliases ?? {}));
  const tls = opts.tls ?? createSelfSignedCert();
  const requests: string[] = [];
  let staticAssets: StaticAssets = 'not-found';

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.url ?? '/';
    const respond = (status: number, body: string, type = 'text/html; charset=utf-8', cache = 'no-store'): void => {
      requests.push(`${req.method} ${target} ${status}`);
      if (opts.log) process.stderr.write(`[arxiv-server] ${req.method} ${req.headers.host ?? ''}${target} ${status}\n`);
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': cache,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return respond(405, 'Method not allowed', 'text/plain');

    const alias = aliases.get(target);
    if (alias !== undefined) return respond(200, alias);

    let url: URL;
    try {
      url = new URL(target, 'https://arxiv.org');
    } catch {
      return respond(400, 'Bad request', 'text/plain');
    }
    const pathname = url.pathname;

    // /abs/<id>[vN], /abs/<archive>/<7 digits>[vN], /abs?id=<id>
    if (pathname === '/abs' || pathname === '/abs/' || pathname.startsWith('/abs/')) {
      let raw = pathname.length > 5 ? pathname.slice(5) : (url.searchParams.get('id') ?? '');
      try {
        raw = decodeURIComponent(raw);
      } catch {
        return respond(400, 'Bad request', 'text/plain');
      }
      raw = raw.replace(/\/+$/, '');
      const parsed = parseArxivId(raw);
      const page = parsed && (pages.get(parsed.id) ?? opts.pageFor?.(parsed.id));
      if (page) return respond(200, page.html);
      return respond(404, notFoundPage(raw));
    }

    // /search/?query=...&searchtype=title (arXiv redirects /search to /search/; we just answer both)
    if (pathname === '/search' || pathname === '/search/') {
      const query = url.searchParams.get('query') ?? '';
      const searchtype = url.searchParams.get('searchtype') ?? 'all';
      return respond(200, searchPage(query, searchtype, [...pages.values()]));
    }

    const standIn = opts.standInCss !== false && /^\/static\/.*\/css\/arXiv\.css$/.test(pathname);
    if (staticAssets === 'cached' && pathname.startsWith('/static/')) {
      const type = pathname.endsWith('.css') ? 'text/css; charset=utf-8' : pathname.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'application/octet-stream';
      return respond(200, standIn ? STAND_IN_CSS : '', type, 'public, max-age=31536000, immutable');
    }
    if (standIn) return respond(200, STAND_IN_CSS, 'text/css; charset=utf-8');

    // Static assets of the real pages, favicon, pdf, everything else.
    return respond(404, 'Not found', 'text/plain');
  };

  // One port speaks both https and http: the resolver rules map a host (not a
  // scheme) to a port, and arXiv pages are opened as http:// too. The first
  // byte of a TLS connection is a handshake record (0x16); anything else is
  // plain HTTP.
  const secure = https.createServer({ key: tls.key, cert: tls.cert }, handler);
  const plain = http.createServer(handler);
  const server = net.createServer((socket) => {
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
    socket.on('error', () => socket.destroy());
  });
  const port = await listen(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  let closing: Promise<void> | undefined;
  return {
    port,
    url: `https://127.0.0.1:${port}`,
    requests,
    setStaticAssets(mode) {
      staticAssets = mode;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        secure.closeAllConnections();
        plain.closeAllConnections();
        server.unref();
      });
      return closing;
    },
  };
}

/**
 * A few rules in the spirit of arxiv.org's look, written for these tests (not
 * arXiv's stylesheet): readable body text, a two-column abstract page, and a
 * sane size for the header's SVG icons.
 */
export const STAND_IN_CSS = `
body { margin: 0; font: 16px/1.5 "Lucida Grande", Helvetica, Arial, sans-serif; color: #000; background: #fff; }
a { color: #0068ac; }
.ds-skip-link, .is-sr-only, .visually-hidden { position: absolute; left: -10000px; }
.ds-site-header { display: flex; align-items: center; gap: 1em; background: #b31b1b; color: #fff; padding: .5em 1em; }
.ds-site-header a { color: #fff; }
.ds-site-header img { height: 32px; }
.ds-site-header-nav { display: flex; gap: 1em; margin-left: auto; align-items: center; }
.ds-site-header-nav-toggle { display: none; }
svg { width: 1em; height: 1em; }
#labstabs svg, .icon-labs svg { width: 64px; height: 64px; }
#content { padding: 1em 2em; }
#abs-outer { display: flex; flex-wrap: wrap; gap: 2em; }
.leftcolumn { flex: 1 1 600px; max-width: 900px; }
.extra-services { flex: 0 0 220px; font-size: 90%; }
.extra-services ul { padding-left: 1em; }
.subheader h1 { font-size: 1em; font-weight: normal; border-bottom: 1px solid #ccc; }
.header-breadcrumbs-mobile, .mobile-submission-download { display: none; }
.dateline { font-style: italic; font-size: 90%; color: #555; }
h1.title { font-size: 1.6em; margin: .4em 0; }
.descriptor { display: none; }
.authors { margin-bottom: 1em; }
blockquote.abstract { margin: 1em 0; line-height: 1.45; }
.metatable td.label { color: #555; padding-right: 1em; vertical-align: top; }
.submission-history { font-size: 90%; margin-top: 1em; }
#labstabs { flex-basis: 100%; border-top: 1px solid #ccc; font-size: 90%; }
#labstabs .tab { display: none; }
#labstabs h1 { font-size: 1.1em; }
.ds-site-footer { border-top: 1px solid #ccc; padding: 1em 2em; font-size: 90%; }
li.arxiv-result { margin: 1em 0; }
li.arxiv-result p.title { font-size: 1.2em; margin: .2em 0; }
`;

function matches(page: ServedPage, query: string, searchtype: string): boolean {
  switch (searchtype) {
    case 'title':
      return titleMatches(page.title, query);
    case 'author':
      return titleMatches(page.authors.join(' '), query);
    case 'abstract':
      return titleMatches(page.abstract ?? '', query);
    default:
      return titleMatches(`${page.title} ${page.authors.join(' ')} ${page.abstract ?? ''}`, query);
  }
}

/** A results page shaped like arxiv.org/search/ (li.arxiv-result, p.list-title a, p.title). */
function searchPage(query: string, searchtype: string, pages: ServedPage[]): string {
  const hits = pages.filter((p) => p.searchable !== false && matches(p, query, searchtype));
  const q = escapeHtml(query);
  const type = escapeHtml(searchtype);
  const results = hits
    .map((p) => {
      const authors = p.authors
        .map(
          (a) =>
            `<a href="/search/?searchtype=author&amp;query=${encodeURIComponent(a)}">${escapeHtml(a)}</a>`,
        )
        .join(',\n        ');
      const abs = p.abstract ? escapeHtml(p.abstract) : '';
      const short = abs.length > 240 ? `${abs.slice(0, 240)}&hellip;` : abs;
      return `
  <li class="arxiv-result">
    <div class="is-marginless">
      <p class="list-title is-inline-block"><a href="https://arxiv.org/abs/${p.id}">arXiv:${p.id}</a>
        <span>&nbsp;[<a href="https://arxiv.org/pdf/${p.id}">pdf</a>]&nbsp;</span>
      </p>
    </div>
    <p class="title is-5 mathjax">${escapeHtml(p.title)}</p>
    <p class="authors">
      <span class="has-text-black-bis has-text-weight-semibold">Authors:</span>
        ${authors}
    </p>
    <p class="abstract mathjax">
      <span class="has-text-black-bis has-text-weight-semibold">Abstract</span>:
      <span class="abstract-short has-text-grey-dark mathjax">${short}</span>
    </p>
    ${p.date ? `<p class="is-size-7"><span class="has-text-black-bis has-text-weight-semibold">Submitted</span> ${escapeHtml(p.date)};</p>` : ''}
  </li>`;
    })
    .join('');
  const heading =
    hits.length > 0
      ? `<h1 class="title is-clearfix">Showing 1&ndash;${hits.length} of ${hits.length} results for ${type}: <span class="mathjax">${q}</span></h1>`
      : `<h1 class="title is-clearfix">Search</h1>
  <p class="is-size-4 has-text-warning">Sorry, your query for ${type}: <b>${q}</b> produced no results.</p>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Search | arXiv e-print repository</title>
  <link rel="stylesheet" href="https://static.arxiv.org/static/base/1.0.0a5/css/arxivstyle.css" />
</head>
<body>
<main>
<div class="content">
  <div class="level is-marginless">
  ${heading}
  </div>
  <form method="GET" action="/search/" class="search-form">
    <input class="input is-small" name="query" type="text" value="${q}">
    <select name="searchtype"><option value="${type}" selected>${type}</option></select>
    <button class="button is-link is-small">Search</button>
  </form>
  <ol class="breathe-horizontal" start="1">${results}
  </ol>
</div>
</main>
</body>
</html>
`;
}

function notFoundPage(raw: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><title>Article identifier not recognized</title></head>
<body><main><div id="content">
<h1>Article identifier '${escapeHtml(raw)}' not recognized</h1>
<p>You might instead try to <a href="/search/">search for articles</a> using title or author information.</p>
</div></main></body></html>
`;
}

/** Starts listening (port 0: any free port) and resolves with the port, or rejects on a listen error. */
export function listen(server: net.Server, port = 0, host = '127.0.0.1'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
