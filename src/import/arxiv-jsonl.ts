import { z } from 'zod';
import type { ImportProblem } from '../dataset/profile-importer';
import { ArxivIdSchema, PaperSchema, type Author, type Paper } from '../dataset/schema';
import { authorKey, normalizeArxivId } from '../index/normalize';
import { describeIssues, errorMessage } from './issues';
import type { Line } from './lines';

/**
 * Reads arXiv's bulk metadata (arxiv-metadata-oai-snapshot.json: one JSON
 * object a line) into Papers and Authors, batch by batch, so a caller can show
 * progress and commit a few thousand records at a time.
 */

export const ARXIV_SOURCE = 'arxiv-metadata';

// Only the fields we use. The snapshot writes null for absent values, and
// other exporters leave keys out, so every optional field accepts both.
const text = z.string().nullish();
const ArxivRecordSchema = z.object({
  id: z.string(),
  title: z.string(),
  authors: text,
  /** [last, first, suffix, ...affiliations] per author. */
  authors_parsed: z.array(z.array(z.string().nullish())).nullish(),
  categories: text,
  abstract: text,
  comments: text,
  versions: z.array(z.object({ created: text })).nullish(),
  update_date: text,
});

export type ArxivRecordResult = { paper: Paper; authors: Author[] } | { problem: ImportProblem };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDay(year: number, month: number, day: number): string | undefined {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls Feb 30 over to Mar 2; an invalid date is no date.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

/** "Mon, 2 Apr 2007 19:18:42 GMT" (snapshot versions) or "2007-04-02..." (update_date). */
export function parseArxivDate(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rfc = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/.exec(s);
  const month = MONTHS.indexOf((rfc?.[2] ?? '').toLowerCase()) + 1;
  return rfc && month > 0 ? isoDay(Number(rfc[3]), month, Number(rfc[1])) : undefined;
}

const SUFFIX_RE = /^(jr|sr|ii|iii|iv)\.?$/i;
const ET_AL_RE = /,?\s*\bet\.? al\.?\s*$/i;

/** "A, B and C", with "(affiliation)" groups and "Jr." after a comma. */
export function splitAuthors(s: string): { names: string[]; truncated: boolean } {
  let t = s.replace(/\s+/g, ' ');
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(/\([^()]*\)/g, ' '); // innermost first, for nested parentheses
  }
  const truncated = ET_AL_RE.test(t);
  const names: string[] = [];
  for (const raw of t.replace(ET_AL_RE, '').split(/\s*,\s*|\s+and\s+|\s+&\s+/)) {
    const name = raw.trim();
    if (!name) continue;
    const last = names.length - 1;
    if (SUFFIX_RE.test(name) && last >= 0) names[last] = `${names[last]} ${name}`;
    else names.push(name);
  }
  return { names, truncated };
}

function namesFromParsed(parsed: (string | null | undefined)[][]): { names: string[]; affiliations: string[] } {
  const names: string[] = [];
  const affiliations = new Set<string>();
  for (const [last, first, suffix, ...aff] of parsed) {
    const name = [first, last, suffix].map((x) => (x ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean).join(' ');
    // A rough parse (the sample splits at the last space) can leave
    // "Donald Johann Jr. and Fred" as one first name: split it again.
    for (const n of name.split(/\s+and\s+/)) if (n.trim()) names.push(n.trim());
    for (const a of aff) if (a?.trim()) affiliations.add(a.trim());
  }
  return { names, affiliations: [...affiliations] };
}

// github.com as a host (not "foo.github.com"), with or without a scheme;
// TeX escapes (\_ \# \%) are undone first, and \url{..}/\href{..} braces end it.
const GITHUB_RE = /(?<![\w.-])(?:https?:\/\/)?(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+)([^\s<>"'(){}[\]\\]*)/i;

/**
 * The https GitHub link in comments or abstract, if any. Like the profile
 * importer, a link needs owner/repo to count as code ("github.com/org" alone
 * is a person or an organisation, not a repository).
 */
export function findGithubUrl(...texts: (string | null | undefined)[]): string | undefined {
  for (const t of texts) {
    if (!t) continue;
    // Wrapping can break a long link after a slash ("deepmind/ deepmind-research/
    // tree/..."): rejoin when a whole path segment follows (as the profile importer does).
    const m = GITHUB_RE.exec(t.replace(/\\([_#%&~])/g, '$1').replace(/(github\.com\/[\w.-]+\/)\s+(?=[\w.-]+\/)/gi, '$1'));
    if (!m) continue;
    const url = `https://github.com/${m[1]}/${m[2]}${m[3]}`.replace(/[.,;:!?]+$/, '');
    if (PaperSchema.shape.codeUrl.safeParse(url).success && /^https:\/\/github\.com\/[\w.-]+\/[\w-]/.test(url)) return url;
  }
  return undefined;
}

/** Hard-wrapped lines joined; paragraphs (blank line or indented line) kept apart. */
function cleanAbstract(s: string): string {
  return s
    .trim()
    .split(/\n\s*\n|\n(?=[ \t])/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

export function arxivRecordToPaper(obj: unknown, line: number): ArxivRecordResult {
  const fail = (message: string): ArxivRecordResult => ({ problem: { line, message } });
  const parsed = ArxivRecordSchema.safeParse(obj);
  if (!parsed.success) return fail(describeIssues(parsed.error, obj));
  const r = parsed.data;

  const arxivId = normalizeArxivId(r.id);
  if (!ArxivIdSchema.safeParse(arxivId).success) return fail(`id: not an arXiv id (e.g. 2102.06171 or hep-th/9901001), got ${JSON.stringify(r.id)}`);
  const title = r.title.replace(/\s+/g, ' ').trim();
  if (!title) return fail('title: empty');

  const fromParsed = r.authors_parsed?.length ? namesFromParsed(r.authors_parsed) : { names: [], affiliations: [] };
  const fromString = splitAuthors(r.authors ?? '');
  const names = fromParsed.names.length ? fromParsed.names : fromString.names;
  if (!names.length) return fail('authors: expected an "authors" string or "authors_parsed" list, found no names');

  // v1's date is when the paper appeared; update_date is the last change.
  const date = parseArxivDate(r.versions?.[0]?.created) ?? parseArxivDate(r.update_date);
  if (!date) return fail(`date: expected versions[0].created or update_date (YYYY-MM-DD), got ${JSON.stringify(r.versions?.[0]?.created ?? r.update_date ?? null)}`);

  const codeUrl = findGithubUrl(r.comments, r.abstract);
  const candidate = {
    id: `arxiv:${arxivId}`, arxivId, title, authors: names,
    authorsTruncated: fromString.truncated, affiliations: fromParsed.affiliations,
    categories: (r.categories ?? '').split(/\s+/).filter(Boolean),
    date, abstract: cleanAbstract(r.abstract ?? ''),
    hasCode: codeUrl !== undefined, ...(codeUrl ? { codeUrl } : {}),
    sources: [ARXIV_SOURCE],
  };
  const paper = PaperSchema.safeParse(candidate);
  if (!paper.success) return fail(describeIssues(paper.error, candidate));

  const authors = new Map<string, Author>();
  for (const name of names) {
    const key = authorKey(name);
    // A "name" with no letters (stray punctuation) has no key to look it up by.
    if (key && !authors.has(key)) authors.set(key, { id: key, name });
  }
  return { paper: paper.data, authors: [...authors.values()] };
}

export interface ArxivBatch {
  papers: Paper[];
  /** Authors not yet yielded by an earlier batch of the same import. */
  authors: Author[];
  problems: ImportProblem[];
  /** Lines read so far (cumulative), including blank and failed ones. */
  linesRead: number;
  /** Bytes read so far, when the caller passed a counter (see countBytes). */
  bytesRead?: number;
}

export interface ArxivImportOptions {
  /** Records (papers + problems) per batch; the last batch may be smaller. */
  batchSize?: number;
  bytesRead?: () => number;
}

/** How many records decide whether the file is arXiv metadata at all. */
export const CHECK_RECORDS = 100;

function parseLine(text: string, line: number): ArxivRecordResult {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    const msg = errorMessage(e);
    return { problem: { line, message: `not JSON: ${msg.length > 120 ? `${msg.slice(0, 117)}...` : msg}` } };
  }
  return arxivRecordToPaper(obj, line);
}

/**
 * Throws (the caller should refuse the file) when the file is empty or more
 * than half of its first 100 records fail; no batch is yielded before that
 * check. Authors are deduplicated across the whole import by authorKey.
 */
export async function* importArxivJsonl(lines: AsyncIterable<Line> | Iterable<Line>, opts: ArxivImportOptions = {}): AsyncGenerator<ArxivBatch> {
  const size = Math.max(1, opts.batchSize ?? 2000);
  const seenAuthors = new Set<string>();
  const empty = () => ({ papers: [] as Paper[], authors: [] as Author[], problems: [] as ImportProblem[] });
  let batch = empty();
  // Full batches wait here until the first records have passed the check, so
  // a caller never commits part of a file that is then refused.
  const ready: ArxivBatch[] = [];
  let linesRead = 0;
  let tried = 0;
  let failed = 0;
  let firstBad: ImportProblem | undefined;
  let checked = false;
  const close = () => {
    ready.push({ ...batch, linesRead, ...(opts.bytesRead ? { bytesRead: opts.bytesRead() } : {}) });
    batch = empty();
  };
  const check = () => {
    checked = true;
    if (tried === 0) throw new Error('no records: the file has no non-empty lines');
    if (failed * 2 > tried) {
      throw new Error(`not arXiv metadata: ${failed} of the first ${tried} records failed; line ${firstBad?.line}: ${firstBad?.message}`);
    }
  };

  for await (const { no, text } of lines) {
    linesRead = no;
    if (text.trim() === '') continue;
    const r = parseLine(text, no);
    if ('problem' in r) {
      batch.problems.push(r.problem);
      if (!checked) {
        failed++;
        firstBad ??= r.problem;
      }
    } else {
      batch.papers.push(r.paper);
      for (const a of r.authors) {
        if (seenAuthors.has(a.id)) continue;
        seenAuthors.add(a.id);
        batch.authors.push(a);
      }
    }
    if (!checked && ++tried >= CHECK_RECORDS) check();
    if (batch.papers.length + batch.problems.length >= size) close();
    if (checked) yield* ready.splice(0);
  }
  if (!checked) check();
  // Always end with a batch, so the caller sees the final linesRead/bytesRead.
  if (batch.papers.length + batch.problems.length > 0 || ready.length === 0) close();
  yield* ready.splice(0);
}
