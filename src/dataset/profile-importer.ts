import { authorKey, normalizeTitle } from '../index/normalize';
import { categoryFromProfileCode, isKnownProfileCode } from './categories';
import { AuthorMetricsSchema, AuthorSchema, PaperSchema, type Author, type AuthorMetrics, type Paper } from './schema';

/**
 * Reads a researcher profile page copied as text (see assets/seed/*.txt):
 * name line, field code, metric lines, "N Papers", then per paper a header
 * ("LGAug 21, 2023" or "CVFeb 11, 2021Code"), title, authors line, abstract.
 * Pure and total: anything it cannot place is reported in `problems` with its
 * line number instead of being dropped, so a user can see what was lost.
 */

/** `line` is 1-based in the input text. */
export interface ImportProblem { line: number; message: string }

export interface ProfileImport {
  owner: Author;
  papers: Paper[];
  /** One per distinct authorKey across all papers, owner first. */
  authors: Author[];
  problems: ImportProblem[];
}

interface Line { no: number; text: string }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\\.?';
// The code is glued to the month ("LGAug"), so it is matched lazily.
const HEADER_RE = new RegExp(`^([A-Za-z][A-Za-z.-]{0,14}?)?\\s*${MONTH}\\s+(\\d{1,2}),?\\s+(\\d{4})\\s*(Code)?$`);
// A header whose date is damaged ("LGAug 21,") still starts a new paper, so its
// title/abstract are not glued onto the previous paper. Uppercase-only code, so
// a short title like "DeepMarket Analysis" is not read as "Deep" + "Market".
const BROKEN_HEADER_RE = new RegExp(`^([A-Z]{2,4})${MONTH}(?=[\\s\\d,]|Code|$)`);
const BARE_CODE_RE = /^([A-Z]{2,3})(Code)?$/;

const METRICS: { key: keyof AuthorMetrics; re: RegExp; label: string }[] = [
  { key: 'hIndex', re: /^h-?index\s*:?\s*(\d[\d,]*)$/i, label: 'h-index' },
  // No space: "19papers" is the metric; "19 Papers" is the list heading below.
  { key: 'papers', re: /^(\d[\d,]*)papers?$/i, label: 'papers' },
  { key: 'citations', re: /^(\d[\d,]*)\s*citations?$/i, label: 'citations' },
  { key: 'novelty', re: /^novelty\s*:?\s*(\d+(?:\.\d+)?)\s*%?$/i, label: 'novelty' },
  { key: 'aiScore', re: /^ai\s*score\s*:?\s*(\d+(?:\.\d+)?)$/i, label: 'AI score' },
];
const LIST_HEADING_RE = /^(\d[\d,]*)\s+papers?$/i;
// Uppercase ("LG", "XY") or a full category ("cs.LG", "quant-ph"): a random
// word like "Follow" must not be taken for the field.
const FIELD_RE = /^([A-Z]{2,4}|[a-z]+(?:-[a-z]+)?\.[A-Za-z-]+|[a-z]+-[a-z]+)$/;
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'dos', 'la', 'le', 'bin', 'al', 'y']);
const HEADER_EXAMPLE = "paper header like 'LGAug 21, 2023'";

function splitLines(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => ({
    no: i + 1,
    text: raw
      .replace(/[\u200B\uFEFF]/g, '')
      .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim(),
  }));
}

/** `bareCode`: a lone "LG" is a header missing its date only once papers began; before, it is the field. */
function isHeaderLike(s: string, bareCode: boolean): boolean {
  if (s.length > 40) return false; // abstracts are long; headers never are
  if (HEADER_RE.test(s) || BROKEN_HEADER_RE.test(s)) return true;
  const bare = bareCode ? BARE_CODE_RE.exec(s) : null;
  return bare !== null && isKnownProfileCode(bare[1] ?? '');
}

function isoDate(mon: string, day: string, year: string): string | undefined {
  const m = MONTHS.indexOf(mon.slice(0, 3).toLowerCase());
  const d = new Date(Date.UTC(Number(year), m, Number(day)));
  // Date.UTC rolls Feb 30 over to Mar 2; reject instead of inventing a date.
  if (m < 0 || d.getUTCDate() !== Number(day) || d.getUTCMonth() !== m) return undefined;
  return d.toISOString().slice(0, 10);
}

/** A comma-separated list of names, as opposed to a sentence of an abstract. */
function looksLikeAuthors(s: string): boolean {
  if (/[·•]/.test(s) || /\bet al\.?$/.test(s)) return true;
  const isNameWord = (w: string) => /^\p{Lu}[\p{L}\p{M}'’.-]*$/u.test(w) || NAME_PARTICLES.has(w);
  return s.split(/\s*,\s*/).every((name) => name.split(' ').length <= 6 && name.split(' ').every(isNameWord));
}

function parseAuthorsLine(s: string): { names: string[]; truncated: boolean; affiliations: string[] } {
  const sep = s.search(/[·•]/);
  let left = (sep >= 0 ? s.slice(0, sep) : s).trim();
  const affiliations = sep >= 0 ? s.slice(sep + 1).split(',').map((a) => a.trim()).filter(Boolean) : [];
  const etAl = /,?\s*\bet al\.?$/i;
  const truncated = etAl.test(left);
  left = left.replace(etAl, '');
  const names = left.split(/\s*,\s*|\s+and\s+/).map((n) => n.trim()).filter(Boolean);
  return { names, truncated, affiliations };
}

/**
 * An https GitHub link in the abstract. Copy-paste from the profile breaks long
 * URLs after a slash ("github.com/deepmind/ deepmind-research/tree/..."); a
 * space right after "/" followed by another path segment ending in "/" is
 * rejoined. A lone "https://github.com/org/ for details" is left alone, and a
 * link without owner/repo is not a code link, so it gives undefined.
 */
export function findCodeUrl(abstract: string): string | undefined {
  const text = abstract.replace(/(https:\/\/github\.com\/\S*\/) +(?=[\w.-]+\/)/g, '$1');
  const m = /https:\/\/github\.com\/[^\s<>"'()[\]{}]+/.exec(text);
  const url = m?.[0].replace(/[.,;:!?]+$/, '');
  return url && /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+/.test(url) ? url : undefined;
}

export function parseProfile(text: string, opts: { source?: string } = {}): ProfileImport {
  const lines = splitLines(text);
  const problems: ImportProblem[] = [];
  const report = (line: number, message: string) => problems.push({ line, message });

  if (!lines.some((l) => HEADER_RE.test(l.text) && l.text.length <= 40)) throw new Error(`Not a profile: no ${HEADER_EXAMPLE} found`);
  const ownerIdx = lines.findIndex((l) => l.text !== '');
  const ownerLine = lines[ownerIdx];
  if (!ownerLine || isHeaderLike(ownerLine.text, false)) {
    throw new Error(`Not a profile: expected the researcher's name on the first line, found "${ownerLine?.text ?? ''}"`);
  }
  const ownerKey = authorKey(ownerLine.text);
  if (!ownerKey) throw new Error(`Not a profile: the first line "${ownerLine.text}" is not a name`);
  const source = opts.source ?? `profile:${ownerKey.replace(/ /g, '-')}`;

  let firstHeader = lines.findIndex((l, i) => i > ownerIdx && isHeaderLike(l.text, false));
  if (firstHeader < 0) firstHeader = lines.length;

  // --- Preamble: field code and metrics of the owner.
  const metrics: AuthorMetrics = {};
  const seenAt = new Map<string, number>();
  let field: string | undefined;
  let listed: { count: number; line: number } | undefined;
  for (const { no, text: s } of lines.slice(ownerIdx + 1, firstHeader)) {
    if (!s) continue;
    const metric = METRICS.find((m) => m.re.test(s));
    const heading = LIST_HEADING_RE.exec(s);
    if (metric) {
      const value = Number((metric.re.exec(s)?.[1] ?? '').replace(/,/g, ''));
      const prev = seenAt.get(metric.key);
      const valid = AuthorMetricsSchema.shape[metric.key].safeParse(value).success;
      if (prev !== undefined) report(no, `${metric.label} already given on line ${prev}; kept the first`);
      else if (!valid) report(no, `${metric.label} value ${value} is out of range; ignored`);
      else {
        metrics[metric.key] = value;
        seenAt.set(metric.key, no);
      }
    } else if (heading && !listed) {
      listed = { count: Number((heading[1] ?? '').replace(/,/g, '')), line: no };
    } else if (FIELD_RE.test(s) && field === undefined) {
      field = categoryFromProfileCode(s);
    } else {
      report(no, `expected the field code (e.g. 'LG'), a metric line (h-index, papers, citations, Novelty %, AI Score) or a ${HEADER_EXAMPLE}; line ignored`);
    }
  }
  const owner = AuthorSchema.parse({ id: ownerKey, name: ownerLine.text, ...(Object.keys(metrics).length ? { metrics } : {}), ...(field ? { field } : {}) });

  // --- Papers: split at headers, then read each block.
  const blocks: Line[][] = [];
  for (const l of lines.slice(firstHeader)) {
    if (blocks.length === 0 || isHeaderLike(l.text, true)) blocks.push([l]);
    else blocks[blocks.length - 1]?.push(l);
  }
  if (listed && listed.count !== blocks.length) {
    report(listed.line, `the list heading says ${listed.count} papers but ${blocks.length} paper headers were found`);
  }

  const papers: Paper[] = [];
  const paperLine = new Map<string, number>();
  for (const block of blocks) {
    const paper = parseBlock(block, owner, source, report);
    if (!paper) continue;
    const dup = paperLine.get(paper.id);
    if (dup !== undefined) report(block[0]?.no ?? 0, `duplicate of the paper on line ${dup} (same title); skipped`);
    else {
      paperLine.set(paper.id, block[0]?.no ?? 0);
      papers.push(paper);
    }
  }

  // --- Authors: one record per key; the owner keeps metrics and field.
  const authors = new Map<string, Author>([[owner.id, owner]]);
  for (const p of papers) {
    for (const name of p.authors) {
      const key = authorKey(name);
      if (authors.has(key)) continue;
      const parsed = AuthorSchema.safeParse({ id: key, name });
      if (parsed.success) authors.set(key, parsed.data);
      else report(paperLine.get(p.id) ?? 0, `author "${name}" has no usable name key; left out of the author list`);
    }
  }

  problems.sort((a, b) => a.line - b.line);
  return { owner, papers, authors: [...authors.values()], problems };
}

function parseBlock(block: Line[], owner: Author, source: string, report: (line: number, msg: string) => void): Paper | undefined {
  const [header, ...body] = block;
  if (!header) return undefined;
  const h = HEADER_RE.exec(header.text);
  const code = h ? h[1] : (BROKEN_HEADER_RE.exec(header.text) ?? BARE_CODE_RE.exec(header.text))?.[1];
  const date = h ? isoDate(h[2] ?? '', h[3] ?? '', h[4] ?? '') : undefined;
  let hasCode = /Code$/.test(header.text);

  let i = 0;
  const next = (): Line | undefined => {
    while (i < body.length && body[i]?.text === '') i++;
    return body[i];
  };
  let title = next();
  // Tolerate the "Code" marker wrapped onto its own line.
  if (title?.text === 'Code') {
    hasCode = true;
    i++;
    title = next();
  }
  if (!title) {
    report(header.no, `expected a title line after the paper header "${header.text}"; paper skipped`);
    return undefined;
  }
  i++;
  const key = normalizeTitle(title.text);
  if (!key) {
    report(title.no, `expected a title with letters or digits, found "${title.text}"; paper skipped`);
    return undefined;
  }
  if (!date) {
    report(header.no, `expected a date like 'Aug 21, 2023' in the paper header "${header.text}"; paper "${title.text}" skipped`);
    return undefined;
  }
  if (!code) report(header.no, `expected a category code before the date in "${header.text}"; categories left empty`);

  let names: string[] = [];
  let truncated = true; // no authors line: the list we keep is certainly incomplete
  let affiliations: string[] = [];
  const expected = 'expected an authors line like "A, B et al. · affiliation" after the title';
  let cand = next();
  if (!cand) report(title.no, expected);
  else if (!looksLikeAuthors(cand.text)) {
    // One stray line (UI text) before a real authors line is skipped; otherwise
    // the authors line is missing and the line starts the abstract.
    const after = body.slice(i + 1).find((l) => l.text !== '');
    const skip = after !== undefined && looksLikeAuthors(after.text);
    report(cand.no, `${expected}; ${skip ? 'line ignored' : 'read as abstract'}`);
    if (skip) i = body.indexOf(after);
    cand = skip ? after : undefined;
  }
  if (cand) {
    ({ names, truncated, affiliations } = parseAuthorsLine(cand.text));
    i++;
  }
  // A profile page lists only papers of its owner, so the owner is an author
  // even when "et al." hides them. Their position is unknown, so they go last;
  // authorsTruncated keeps saying what the source showed (et al. or not).
  if (!names.some((n) => authorKey(n) === owner.id)) names.push(owner.name);

  // Abstract: the rest of the block; blank lines separate paragraphs, wrapped
  // lines within a paragraph are joined with a space.
  const paragraphs: string[][] = [[]];
  for (const l of body.slice(i)) {
    if (l.text) paragraphs[paragraphs.length - 1]?.push(l.text);
    else if (paragraphs[paragraphs.length - 1]?.length) paragraphs.push([]);
  }
  const abstract = paragraphs.filter((p) => p.length).map((p) => p.join(' ')).join('\n\n');
  const codeUrl = hasCode ? findCodeUrl(abstract) : undefined;

  const parsed = PaperSchema.safeParse({
    id: `t:${key.replace(/ /g, '-')}`, title: title.text, authors: names, authorsTruncated: truncated, affiliations,
    categories: code ? [categoryFromProfileCode(code)] : [], date, abstract, hasCode, ...(codeUrl ? { codeUrl } : {}),
    sources: [source],
  });
  if (parsed.success) return parsed.data;
  const why = parsed.error.issues.map((x) => `${x.path.map(String).join('.')}: ${x.message}`).join('; ');
  report(header.no, `paper "${title.text}" skipped: ${why}`);
  return undefined;
}
