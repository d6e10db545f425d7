import type { ImportProblem } from '../dataset/profile-importer';
import type { Author, Paper } from '../dataset/schema';
import { authorKey, normalizeArxivId } from '../index/normalize';
import { cleanAbstract, endsEtAl, findGithubUrl, namesFromParsed, parseArxivDate, SPACES_RE, splitAuthors } from './arxiv-fields';
import { ArxivRecordSchema, isArxivRecord } from './arxiv-record';
import { describeIssues, errorMessage } from './issues';
import type { Line } from './lines';

/**
 * Reads arXiv's bulk metadata (arxiv-metadata-oai-snapshot.json: one JSON
 * object a line) into Papers and Authors, batch by batch, so a caller can show
 * progress and commit a few thousand records at a time. Per record this is
 * the hot path of a 75k-paper import: a hand-written type check instead of
 * zod (zod only words the message of a record that fails it), regexes
 * compiled once, and Papers built valid by construction.
 */

export const ARXIV_SOURCE = 'arxiv-metadata';

export { findGithubUrl, parseArxivDate, splitAuthors } from './arxiv-fields';

export type ArxivRecordResult = { paper: Paper; authors: Author[] } | { problem: ImportProblem };

/** ArxivIdSchema's pattern (src/dataset/schema.ts), tested without zod. */
const ARXIV_ID_RE = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
const CATEGORY_SEP_RE = /\s+/;

export function arxivRecordToPaper(obj: unknown, line: number): ArxivRecordResult {
  const r = recordToPaper(obj, line);
  return 'problem' in r ? r : { paper: r.paper, authors: newAuthors(r.paper.authors, new Map()) };
}

/**
 * The Authors of `names` whose key is not in `seen` yet (each once; `seen`
 * maps each key met to its author's number: the order the import yields
 * them). `refs`, if given, gets each name's number, or -1 for a name with
 * no key (stray punctuation, no letters to look it up by).
 */
function newAuthors(names: readonly string[], seen: Map<string, number>, out: Author[] = [], refs?: number[]): Author[] {
  for (const name of names) {
    const key = authorKey(name);
    let n = key ? seen.get(key) : -1;
    if (n === undefined) {
      n = seen.size;
      seen.set(key, n);
      out.push({ id: key, name });
    }
    refs?.push(n);
  }
  return out;
}

/** arxivRecordToPaper without the authors: the import finds the new ones against all it has met (newAuthors). */
function recordToPaper(obj: unknown, line: number): { paper: Paper } | { problem: ImportProblem } {
  const fail = (message: string) => ({ problem: { line, message } });
  if (!isArxivRecord(obj)) {
    // Rare: let zod say precisely what is wrong (it agrees with the fast check).
    const parsed = ArxivRecordSchema.safeParse(obj);
    return fail(parsed.success ? 'not an arXiv metadata record' : describeIssues(parsed.error, obj));
  }
  const r = obj;

  const arxivId = normalizeArxivId(r.id);
  if (!ARXIV_ID_RE.test(arxivId)) return fail(`id: not an arXiv id (e.g. 2102.06171 or hep-th/9901001), got ${JSON.stringify(r.id)}`);
  const title = r.title.replace(SPACES_RE, ' ').trim();
  if (!title) return fail('title: empty');

  const fromParsed = r.authors_parsed?.length ? namesFromParsed(r.authors_parsed) : undefined;
  // The string is split only when the parsed list gave no names; "et al." is read from it either way.
  const fromString = fromParsed?.names.length ? { names: [], truncated: endsEtAl(r.authors ?? '') } : splitAuthors(r.authors ?? '');
  const names = fromParsed?.names.length ? fromParsed.names : fromString.names;
  if (!names.length) return fail('authors: expected an "authors" string or "authors_parsed" list, found no names');

  // v1's date is when the paper appeared; update_date is the last change.
  const date = parseArxivDate(r.versions?.[0]?.created) ?? parseArxivDate(r.update_date);
  if (!date) return fail(`date: expected versions[0].created or update_date (YYYY-MM-DD), got ${JSON.stringify(r.versions?.[0]?.created ?? r.update_date ?? null)}`);

  const codeUrl = findGithubUrl(r.comments, r.abstract);
  const categories = r.categories ? r.categories.split(CATEGORY_SEP_RE).filter(Boolean) : [];
  // Valid by construction, so PaperSchema is not run per record (the tests
  // check the sample against it); keys in PaperSchema's order, as zod wrote them.
  const paper: Paper = {
    id: `arxiv:${arxivId}`, arxivId, title, authors: names,
    authorsTruncated: fromString.truncated, affiliations: fromParsed?.affiliations ?? [],
    categories, date, abstract: r.abstract ? cleanAbstract(r.abstract) : '',
    hasCode: codeUrl !== undefined, ...(codeUrl ? { codeUrl } : {}),
    sources: [ARXIV_SOURCE],
  };
  return { paper };
}

export interface ArxivBatch {
  papers: Paper[];
  /** Authors not yet yielded by an earlier batch of the same import. */
  authors: Author[];
  /**
   * For each name of each paper, in order: its author's number, i.e. its
   * place among all the authors yielded so far (this batch's after the
   * earlier batches'), or -1 for a name with no key. The background's
   * prebuild takes the names' keys from it instead of working each out again.
   */
  authorRefs: number[];
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

const NOT_BLANK_RE = /\S/;
const isBlank = (text: string) => !NOT_BLANK_RE.test(text);

function parseLine(text: string, line: number): { paper: Paper } | { problem: ImportProblem } {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    const msg = errorMessage(e);
    return { problem: { line, message: `not JSON: ${msg.length > 120 ? `${msg.slice(0, 117)}...` : msg}` } };
  }
  return recordToPaper(obj, line);
}

/**
 * Throws (the caller should refuse the file) when the file is empty or more
 * than half of its first 100 records fail; no batch is yielded before that
 * check. Authors are deduplicated across the whole import by authorKey.
 */
export async function* importArxivJsonl(lines: AsyncIterable<Line> | Iterable<Line>, opts: ArxivImportOptions = {}): AsyncGenerator<ArxivBatch> {
  const size = Math.max(1, opts.batchSize ?? 2000);
  const seenAuthors = new Map<string, number>();
  const empty = () => ({ papers: [] as Paper[], authors: [] as Author[], authorRefs: [] as number[], problems: [] as ImportProblem[] });
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
    if (isBlank(text)) continue;
    const r = parseLine(text, no);
    if ('problem' in r) {
      batch.problems.push(r.problem);
      if (!checked) {
        failed++;
        firstBad ??= r.problem;
      }
    } else {
      batch.papers.push(r.paper);
      newAuthors(r.paper.authors, seenAuthors, batch.authors, batch.authorRefs);
    }
    if (!checked && ++tried >= CHECK_RECORDS) check();
    if (batch.papers.length + batch.problems.length >= size) close();
    if (checked) while (ready.length) yield ready.shift() as ArxivBatch;
  }
  if (!checked) check();
  // Always end with a batch, so the caller sees the final linesRead/bytesRead.
  if (batch.papers.length + batch.problems.length > 0 || ready.length === 0) close();
  while (ready.length) yield ready.shift() as ArxivBatch;
}
