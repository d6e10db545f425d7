/**
 * Recognising arXiv abstract-page URLs and arXiv identifiers.
 *
 * Deliberately strict: the content script only shows the sidebar when this
 * returns an id, and a false positive (a listing, a PDF, a plain-text page)
 * would put our UI where it does not belong. Identifier rules follow
 * https://info.arxiv.org/help/arxiv_identifier.html; the accepted legacy query
 * forms are the ones arxiv-browse's `bare_abs` route still serves.
 */

export interface ParsedArxivId {
  /** Canonical id without version, e.g. "2102.06171" or "math/0309136". */
  arxivId: string;
  version?: number;
}

/** arXiv's hosts: export.* and browse.* mirror arxiv.org. */
export const ARXIV_HOSTS = ['arxiv.org', 'www.arxiv.org', 'export.arxiv.org', 'browse.arxiv.org'] as const;

/** Match patterns for `path` ("/abs*") on every arXiv host, any scheme: the manifest's and the content scripts'. */
export function arxivMatches(path: string): string[] {
  return ARXIV_HOSTS.map((host) => `*://${host}${path}`);
}

/** Hosts that serve abstract pages. */
const ABS_HOSTS: ReadonlySet<string> = new Set(ARXIV_HOSTS);

/** New scheme (April 2007 on): YYMM.NNNN until 1412, YYMM.NNNNN from 1501. */
const NEW_ID = /^(\d{2})(\d{2})\.(\d{4,5})(?:v([1-9]\d*))?$/;

/**
 * Old scheme (1991 to March 2007): archive[.SUBJ]/YYMMNNN. The subject class
 * ("math.GT/0309136") is not part of the canonical id, so it is dropped.
 */
const OLD_ID = /^([a-z]+(?:-[a-z]+)?)(?:\.[A-Z]{2})?\/(\d{2})(\d{2})(\d{3})(?:v([1-9]\d*))?$/;

function validMonth(mm: string): boolean {
  const m = Number(mm);
  return m >= 1 && m <= 12;
}

function withVersion(arxivId: string, v: string | undefined): ParsedArxivId {
  return v === undefined ? { arxivId } : { arxivId, version: Number(v) };
}

/**
 * Parses a bare identifier with optional version ("1706.03762v7",
 * "hep-th/9901001", "math.GT/0309136v2"). Returns null for anything else,
 * including ids whose month or number length cannot exist.
 */
export function parseArxivId(raw: string): ParsedArxivId | null {
  const s = raw.trim();
  const n = NEW_ID.exec(s);
  if (n) {
    const [, yy = '', mm = '', num = '', v] = n;
    const yymm = Number(yy + mm);
    if (!validMonth(mm) || yymm < 704 || Number(num) === 0) return null;
    // The 5-digit sequence number started in January 2015.
    if ((num.length === 5) !== (yymm >= 1501)) return null;
    return withVersion(`${yy}${mm}.${num}`, v);
  }
  const o = OLD_ID.exec(s);
  if (o) {
    const [, archive = '', yy = '', mm = '', num = '', v] = o;
    const year = Number(yy);
    // Old-style ids run from 9108 to 0703.
    const inRange = year >= 91 ? Number(yy + mm) >= 9108 : Number(yy + mm) <= 703;
    if (!validMonth(mm) || !inRange || Number(num) === 0) return null;
    return withVersion(`${archive}/${yy}${mm}${num}`, v);
  }
  return null;
}

/**
 * Legacy query forms of `/abs` served by arxiv-browse: `?id=<id>`,
 * `?archive=<a>&papernum=<n>` and the bare `?<archive>/<7 digits>`.
 * Other parameter names (e.g. `arxiv_id`) were never accepted there.
 */
function legacyQueryId(params: URLSearchParams): string | undefined {
  const id = params.get('id');
  if (id) return id;
  const archive = params.get('archive');
  const papernum = params.get('papernum');
  if (archive && papernum) return `${archive}/${papernum}`;
  for (const [key, value] of params) {
    if (value === '' && /^[a-z-]+(?:\.[A-Z]{2})?\/\d{7}$/.test(key)) return key;
  }
  return undefined;
}

/**
 * Parses an arXiv abstract-page URL. Query strings (e.g. `?labs-style=…`,
 * `?context=cs`) and fragments are ignored, except `fmt` (`?fmt=txt` serves
 * plain text, not the HTML page we decorate). Returns null for other hosts,
 * non-abs paths (/pdf/, /list/, /search), and malformed ids.
 */
export function parseAbsUrl(url: string): ParsedArxivId | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (!ABS_HOSTS.has(u.hostname) || u.port !== '' || u.username !== '') return null;
  if (u.searchParams.get('fmt')) return null;

  if (u.pathname === '/abs') {
    const id = legacyQueryId(u.searchParams);
    return id === undefined ? null : parseArxivId(id);
  }
  const m = /^\/abs\/(.+?)\/?$/.exec(u.pathname);
  if (!m || m[1] === undefined) return null;
  // Percent-escapes in the path are not something arXiv links ever contain.
  if (m[1].includes('%')) return null;
  return parseArxivId(m[1]);
}

/** True for `?fmt=…` views (e.g. `?fmt=txt`) of an abstract page: not the page the sidebar reads. */
export function isAlternateFormat(url: string): boolean {
  try {
    return Boolean(new URL(url).searchParams.get('fmt'));
  } catch {
    return false;
  }
}
