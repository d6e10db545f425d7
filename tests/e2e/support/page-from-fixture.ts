import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { FIXTURES_DIR } from './constants.ts';

/**
 * Generated arXiv abstract pages, made from the real saved page
 * tests/fixtures/arxiv-abs/1706.03762v7.html: that page is parsed and its
 * paper's metadata replaced, through the DOM, with another paper's (head meta
 * tags, #abs, subjects, submission history, browse box). Everything else
 * (header, right column, labs tabs, footer) stays as arXiv served it.
 */

/** A paper to put into the template page; categories are full ones ("cs.LG"). */
export interface FixturePageData {
  id: string;
  version: number;
  title: string;
  /** Display names, "First Last". */
  authors: readonly string[];
  abstract: string;
  /** "YYYY-MM-DD". */
  date: string;
  primary: string;
  cross: readonly string[];
  comments?: string;
}

const TEMPLATE_FILE = '1706.03762v7.html';
/** What the template page shows, replaced wherever it occurs outside the rebuilt parts. */
const TEMPLATE_ID = '1706.03762';
const TEMPLATE_VERSION = 7;
const TEMPLATE_PRIMARY = 'cs.CL';

const ARCHIVES: Readonly<Record<string, string>> = {
  cs: 'Computer Science',
  stat: 'Statistics',
  math: 'Mathematics',
  eess: 'Electrical Engineering and Systems Science',
  physics: 'Physics',
  'q-bio': 'Quantitative Biology',
};

const CATEGORY_NAMES: Readonly<Record<string, string>> = {
  'cs.AI': 'Artificial Intelligence',
  'cs.CL': 'Computation and Language',
  'cs.CR': 'Cryptography and Security',
  'cs.CV': 'Computer Vision and Pattern Recognition',
  'cs.IR': 'Information Retrieval',
  'cs.LG': 'Machine Learning',
  'cs.NE': 'Neural and Evolutionary Computing',
  'cs.RO': 'Robotics',
  'stat.ML': 'Machine Learning',
  'stat.ME': 'Methodology',
  'math.OC': 'Optimization and Control',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const categoryLabel = (cat: string): string => `${CATEGORY_NAMES[cat] ?? cat} (${cat})`;

/** "Aidan N. Gomez" -> { last: "Gomez", first: "Aidan N." } (last word is the surname). */
function splitName(name: string): { first: string; last: string } {
  const parts = name.trim().split(/\s+/);
  const last = parts.pop() ?? name;
  return { first: parts.join(' '), last };
}

/** arXiv's author-search query: "Gomez,+A+N". */
function authorQuery(name: string): string {
  const { first, last } = splitName(name);
  const initials = first
    .split(/[\s.-]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() ?? '');
  return [`${encodeURIComponent(last)},`, ...initials].join('+');
}

function parseDate(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(d.getTime())) throw new Error(`bad date "${date}"`);
  return d;
}

let template: string | undefined;

/** Render a complete abstract page for `p` from the template fixture. */
export function pageFromFixture(p: FixturePageData): string {
  template ??= readFileSync(path.join(FIXTURES_DIR, TEMPLATE_FILE), 'utf8');
  const { document: doc } = parseHTML(template);
  const $ = (sel: string): Element => {
    const el = doc.querySelector(sel);
    if (!el) throw new Error(`${TEMPLATE_FILE}: no ${sel}`);
    return el;
  };
  const $$ = (sel: string): Element[] => Array.from(doc.querySelectorAll(sel));
  const el = (tag: string, attrs: Record<string, string>, ...kids: (Node | string)[]): Element => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...kids);
    return e;
  };
  const setMeta = (sel: string, content: string) => $(`meta[${sel}]`).setAttribute('content', content);

  // The template's own id, version and primary category, wherever they remain (links, DOI, browse box).
  const idv = `${p.id}v${p.version}`;
  const swaps: [string, string][] = [[`${TEMPLATE_ID}v${TEMPLATE_VERSION}`, idv], [TEMPLATE_ID, p.id], [TEMPLATE_PRIMARY, p.primary]];
  const swap = (s: string) => swaps.reduce((acc, [from, to]) => acc.split(from).join(to), s);
  for (const e of $$('*')) for (const name of e.getAttributeNames()) e.setAttribute(name, swap(e.getAttribute(name) ?? ''));
  const walk = (n: Node): void => {
    if (n.nodeType === 3) n.nodeValue = swap(n.nodeValue ?? '');
    else if (n.nodeType === 8 && n.nodeValue?.includes('rdf:RDF')) n.parentNode?.removeChild(n);
    else Array.from(n.childNodes).forEach(walk);
  };
  walk(doc.documentElement);
  // Parts about the template paper only (DBLP listing of its authors, its blog links), and the
  // inline call into mathjaxToggle.min.js, an asset the test server does not have (a page error).
  for (const e of $$('.dblp, .extra-general')) e.remove();
  for (const e of $$('script:not([src])')) if (e.textContent?.includes('mathjaxToggle')) e.remove();

  const d = parseDate(p.date);
  const dayMonYear = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const archive = p.primary.split('.')[0] ?? 'cs';
  const absUrl = `https://arxiv.org/abs/${p.id}`;
  const n = p.authors.length;
  const byline = n === 0 ? '' : `, by ${p.authors[0] ?? ''}${n === 1 ? '' : ` and ${n - 1} other author${n > 2 ? 's' : ''}`}`;

  // <head>
  $('title').textContent = `[${p.id}] ${p.title}`;
  setMeta('name="description"', `Abstract page for arXiv paper ${p.id}: ${p.title}`);
  for (const sel of ['property="og:title"', 'name="twitter:title"', 'name="citation_title"']) setMeta(sel, p.title);
  for (const sel of ['property="og:description"', 'name="twitter:description"', 'name="citation_abstract"']) setMeta(sel, p.abstract);
  setMeta('property="og:url"', `${absUrl}v${p.version}`);
  for (const sel of ['name="citation_date"', 'name="citation_online_date"']) setMeta(sel, p.date.replace(/-/g, '/'));
  setMeta('name="citation_arxiv_id"', p.id);
  setMeta('name="citation_pdf_url"', `https://arxiv.org/pdf/${p.id}`);
  const oldAuthors = $$('meta[name="citation_author"]');
  for (const a of p.authors) {
    const { first, last } = splitName(a);
    oldAuthors[0]?.before(el('meta', { name: 'citation_author', content: first ? `${last}, ${first}` : last }));
  }
  for (const e of oldAuthors) e.remove();

  // Left column
  $('.subheader h1').textContent = `${ARCHIVES[archive] ?? archive} > ${CATEGORY_NAMES[p.primary] ?? p.primary}`;
  $('.header-breadcrumbs-mobile').replaceChildren('\n      ', el('strong', {}, `arXiv:${p.id}`), ` (${archive})\n    `);
  $('#abs .dateline').replaceChildren(
    ...(p.version === 1
      ? [`\n  [Submitted on ${dayMonYear}]`]
      : [`\n  [Submitted on ${dayMonYear} (`, el('a', { href: `${absUrl}v1` }, 'v1'), `), last revised ${dayMonYear} (this version, v${p.version})]`]),
  );
  const title = $('#abs h1.title');
  title.replaceChildren($('#abs h1.title > .descriptor'), p.title);
  const authors = $('#abs .authors');
  authors.replaceChildren($('#abs .authors > .descriptor'));
  p.authors.forEach((a, i) => {
    if (i > 0) authors.append(', ');
    authors.append(el('a', { href: `https://arxiv.org/search/${archive}?searchtype=author&query=${authorQuery(a)}`, rel: 'nofollow' }, a));
  });
  for (const e of $$('#download-button-info')) e.textContent = `View a PDF of the paper titled ${p.title}${byline}`;
  const abstract = $('#abs blockquote.abstract');
  abstract.replaceChildren('\n            ', $('#abs blockquote.abstract > .descriptor'), p.abstract, '\n    ');
  const comments = $('#abs .tablecell.comments');
  if (p.comments === undefined) comments.closest('tr')?.remove();
  else comments.textContent = p.comments;
  $('#abs .tablecell.subjects').replaceChildren(
    '\n            ',
    el('span', { class: 'primary-subject' }, categoryLabel(p.primary)),
    ...p.cross.map((c) => `; ${categoryLabel(c)}`),
  );
  $('#abs .tablecell.arxivid .arxivid').replaceChildren(el('a', { href: absUrl }, `arXiv:${p.id}`), ` [${p.primary}]`);
  $('#abs .tablecell.arxividv .arxivid').replaceChildren('\n              ', el('a', { href: `${absUrl}v${p.version}` }, `arXiv:${idv}`), ` [${p.primary}]`);

  const history = $('.submission-history');
  history.replaceChildren($('.submission-history > h2'), ` From: ${p.authors[0] ?? 'Anonymous'} [`, $('.submission-history > a'), ']      ', el('br', {}));
  for (let v = 1; v <= p.version; v++) {
    const label = `[v${v}]`;
    history.append(
      '\n    ',
      el('strong', {}, v === p.version ? label : el('a', { href: `/abs/${p.id}v${v}`, rel: 'nofollow' }, label)),
      `\n        ${DAYS[d.getUTCDay()]}, ${dayMonYear} 12:00:00 UTC (1,024 KB)`,
      el('br', {}),
    );
  }
  history.append('\n');

  // Right column: browse context (the id and primary category were swapped above)
  const month = p.date.slice(0, 7);
  const contextId = $('.browse .list a.context-id');
  contextId.setAttribute('href', `/list/${p.primary}/${month}`);
  contextId.textContent = month;
  const subclass = (c: string) => el('a', { class: 'subclass', href: `/abs/${p.id}?context=${c}`, rel: 'nofollow' }, c);
  $('.browse .switch.context-change').replaceChildren(
    ...[el('a', { href: `/abs/${p.id}?context=${archive}`, rel: 'nofollow' }, archive), ...p.cross.map(subclass)].flatMap((a) => [
      '\n        ',
      a,
      el('br', { class: 'is-hidden-mobile' }),
    ]),
    '\n    ',
  );
  for (const [sel, base, param] of [
    ['.bookmarks a[href*="bibsonomy"]', 'http://www.bibsonomy.org/BibtexHandler?requTask=upload', 'description'],
    ['.bookmarks a[href*="reddit"]', 'https://reddit.com/submit', 'title'],
  ] as const) {
    const url = new URL(base);
    url.searchParams.set('url', absUrl);
    url.searchParams.set(param, p.title);
    $(sel).setAttribute('href', url.href);
  }
  $('head').prepend(doc.createComment(' GENERATED TEST PAGE (Paper Atlas e2e), made from a real saved page in tests/fixtures/arxiv-abs '));
  return serializeHtml(doc);
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/\u00a0/g, '&nbsp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

/**
 * The HTML serialization algorithm of the HTML standard ("serializing HTML
 * fragments"). linkedom's own toString() leaves `&` raw in attribute values,
 * so a title like "A &amp; B" would reach the browser as "A & B".
 */
function serializeHtml(doc: Document): string {
  const out = (n: Node, raw: boolean): string => {
    switch (n.nodeType) {
      case 1: {
        const e = n as Element;
        const tag = e.localName;
        const attrs = e.getAttributeNames().map((a) => ` ${a}="${escapeAttr(e.getAttribute(a) ?? '')}"`).join('');
        if (VOID.has(tag)) return `<${tag}${attrs}>`;
        const kids = Array.from(e.childNodes, (k) => out(k, RAW_TEXT.has(tag))).join('');
        return `<${tag}${attrs}>${kids}</${tag}>`;
      }
      case 3:
        return raw ? (n.nodeValue ?? '') : escapeText(n.nodeValue ?? '');
      case 8:
        return `<!--${n.nodeValue ?? ''}-->`;
      default:
        return '';
    }
  };
  return `<!DOCTYPE html>\n${out(doc.documentElement, false)}\n`;
}
