import type { PageInfo } from './page-info';
import { ARXIV_SELECTORS as S } from './selectors';
import { isAlternateFormat, parseAbsUrl, parseArxivId, type ParsedArxivId } from './url';

/**
 * Reads an arXiv abstract page into a PageInfo.
 *
 * The <head> citation_* tags are preferred: they are stable across layout
 * eras, carry the raw (unconverted) title, and exist even when the body has
 * not been parsed yet. The visible page under `#abs` is the fallback; the
 * April 2020 page (fixture 2004.10162v1) has no citation_abstract at all.
 */

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function metaContents(doc: Document, selector: string): string[] {
  return Array.from(doc.querySelectorAll(selector))
    .map((m) => collapse(m.getAttribute('content') ?? ''))
    .filter((s) => s !== '');
}

function metaContent(doc: Document, selector: string): string | undefined {
  return metaContents(doc, selector)[0];
}

/**
 * Text of `el` without its "Title:"/"Abstract:" label. The label is dropped
 * by node identity; the regex also catches a label whose class changed.
 */
function textWithoutLabel(el: Element | null, label: Element | null, word: string): string {
  if (!el) return '';
  let text = '';
  for (const node of Array.from(el.childNodes)) {
    if (node !== label) text += node.textContent ?? '';
  }
  return collapse(text).replace(new RegExp(`^${word}:\\s*`), '');
}

/**
 * "Last, First" → "First Last". Names without a comma (collaborations) are
 * kept as is; a trailing generational suffix stays last ("Smith, John, Jr."
 * → "John Smith Jr.").
 */
export function displayNameFromCitation(citationAuthor: string): string {
  const parts = citationAuthor.split(',').map(collapse).filter((p) => p !== '');
  if (parts.length < 2) return collapse(citationAuthor);
  const [last = '', ...rest] = parts;
  const suffix = rest.length > 1 && /^(?:Jr\.?|Sr\.?|I{2,3}|IV)$/.test(rest[rest.length - 1] ?? '')
    ? rest.pop()
    : undefined;
  return collapse([rest.join(' '), last, suffix ?? ''].join(' '));
}

/**
 * Id from the URL; else citation_arxiv_id; else og:url. A version missing
 * from the URL (unversioned links show the latest version) is taken from
 * og:url, but only when og:url names the same paper.
 */
function resolveId(doc: Document, url: string): ParsedArxivId | null {
  const og = parseAbsUrl(metaContent(doc, S.ogUrl) ?? '');
  const base = parseAbsUrl(url) ?? parseArxivId(metaContent(doc, S.citationArxivId) ?? '') ?? og;
  if (!base) return null;
  if (base.version === undefined && og?.arxivId === base.arxivId && og.version !== undefined) {
    return { arxivId: base.arxivId, version: og.version };
  }
  return base;
}

function readTitle(doc: Document): string {
  const meta = metaContent(doc, S.citationTitle);
  if (meta) return meta;
  return textWithoutLabel(doc.querySelector(S.title), doc.querySelector(S.titleLabel), 'Title');
}

function readAuthors(doc: Document): string[] {
  const meta = metaContents(doc, S.citationAuthor);
  if (meta.length > 0) return meta.map(displayNameFromCitation);
  return Array.from(doc.querySelectorAll(S.authorLinks))
    .map((a) => collapse(a.textContent ?? ''))
    .filter((s) => s !== '');
}

function readAbstract(doc: Document): string {
  const meta = metaContent(doc, S.citationAbstract);
  if (meta) return meta;
  return textWithoutLabel(doc.querySelector(S.abstract), doc.querySelector(S.abstractLabel), 'Abstract');
}

/** "Machine Learning (cs.LG)" → "cs.LG"; also "hep-th", "cond-mat.stat-mech". */
function readPrimaryCategory(doc: Document): string | undefined {
  const text = collapse(doc.querySelector(S.primarySubject)?.textContent ?? '');
  return /\(([a-z][a-z-]*(?:\.[A-Za-z][A-Za-z-]*)?)\)$/.exec(text)?.[1];
}

/** citation_date "2017/06/12" → "2017-06-12"; anything else is dropped. */
function readDate(doc: Document): string | undefined {
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})$/.exec(metaContent(doc, S.citationDate) ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

/**
 * Returns null (never throws) when the page lacks an id or a title, so the
 * content script can simply skip pages it does not understand.
 */
export function readAbsPage(doc: Document, url: string): PageInfo | null {
  try {
    // `?fmt=txt` and friends are other views of the same paper; the page's
    // metadata would still name it, so refuse by URL before reading any.
    if (isAlternateFormat(url)) return null;
    const id = resolveId(doc, url);
    const title = readTitle(doc);
    if (!id || title === '') return null;
    const info: PageInfo = {
      arxivId: id.arxivId,
      title,
      authors: readAuthors(doc),
      abstract: readAbstract(doc),
    };
    if (id.version !== undefined) info.version = id.version;
    const primaryCategory = readPrimaryCategory(doc);
    if (primaryCategory) info.primaryCategory = primaryCategory;
    const date = readDate(doc);
    if (date) info.date = date;
    // Built from checked parts (a parsed id, a non-empty title); the
    // background validates it against PageInfoSchema where it arrives, so
    // zod stays out of the content script.
    return info;
  } catch {
    return null;
  }
}
