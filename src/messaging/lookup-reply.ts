import type { ResponseFor } from './protocol';

/**
 * The content script's check of the background's lookup answer, without zod.
 *
 * Why not protocol.ts's LookupPageResponse: classic zod is ~60 kB of the
 * content script, which is compiled at document_start on every arXiv
 * abstract page while the page waits. This checks the same shape and the
 * same constraints the sidebar relies on; tests/unit/messaging/lookup-reply.test.ts
 * holds it to the zod schema (both accept and refuse the same replies), so
 * protocol.ts stays the single source of truth.
 */

/** The two requests answered with a lookup (protocol.ts). */
export type LookupType = 'lookup-page' | 'lookup-id';

/**
 * Thrown for a reply that does not have the protocol's shape. Its `path`
 * (".match.paper.date") is built as it leaves each array and object, so a
 * reply that passes builds none: a path such as "related[3].paper.authors[12]"
 * for every value checked was most of this check's cost, itself about half of
 * the content script's own JavaScript time on a page (CPU profile, 22 pages).
 */
class ReplyError extends Error {
  constructor(
    readonly expected: string,
    public path = '',
  ) {
    super(expected);
  }
}

type Check = (value: unknown) => void;

const fail = (expected: string): never => {
  throw new ReplyError(expected);
};
/** `e`, with `step` put before where it failed when it is a ReplyError. */
const within = (e: unknown, step: string): unknown => {
  if (e instanceof ReplyError) e.path = step + e.path;
  return e;
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str =
  (min = 0, pattern?: RegExp): Check =>
  (v) => {
    if (typeof v !== 'string' || v.length < min || (pattern && !pattern.test(v))) fail(pattern ? `a string matching ${pattern}` : 'a string');
  };
const num =
  (min = -Infinity, max = Infinity, int = false): Check =>
  (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (int && !Number.isInteger(v))) fail(`a number in [${min}, ${max}]`);
  };
const bool: Check = (v) => {
  if (typeof v !== 'boolean') fail('true or false');
};
const oneOf =
  (...values: string[]): Check =>
  (v) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(values.join(' | '));
  };
const arr =
  (item: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return fail('an array');
    for (let i = 0; i < v.length; i++) {
      // not forEach: a hole is checked too
      try {
        item(v[i]);
      } catch (e) {
        throw within(e, `[${i}]`);
      }
    }
  };
/** Fields marked optional (`?`) may be missing or undefined. */
const obj = (shape: Record<string, Check>): Check => {
  // Read once here, not for every object checked.
  const fields = Object.entries(shape).map(([key, check]) => ({ name: key.replace(/\?$/, ''), optional: key.endsWith('?'), check }));
  return (v) => {
    if (!isObject(v)) return fail('an object');
    for (const { name, optional, check } of fields) {
      const value = v[name];
      if (optional && value === undefined) continue;
      try {
        check(value);
      } catch (e) {
        throw within(e, `.${name}`);
      }
    }
  };
};
const nullable =
  (check: Check): Check =>
  (v) => {
    if (v !== null) check(v);
  };

// Mirrors src/dataset/schema.ts PaperSchema and protocol.ts's lookup answer.
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const strings = arr(str());
const httpsString = str(1, /^https:\/\//);
const httpsUrl: Check = (v) => {
  httpsString(v);
  if (!URL.canParse(v as string)) fail('a URL');
};
const paper = obj({
  id: str(1),
  'arxivId?': str(0, ARXIV_ID),
  title: str(1),
  authors: arr(str(1)),
  authorsTruncated: bool,
  affiliations: strings,
  categories: arr(str(1)),
  date: str(0, DATE),
  abstract: str(),
  hasCode: bool,
  'codeUrl?': httpsUrl,
  sources: strings,
});
const count = num(0, Infinity, true);
const metrics = obj({ 'hIndex?': count, 'papers?': count, 'citations?': count, 'novelty?': num(0, 100), 'aiScore?': num(0) });
const coauthor = obj({
  id: str(),
  name: str(),
  jointPapers: num(1, Infinity, true),
  paperIds: strings,
  'papers?': arr(obj({ id: str(), title: str(), 'arxivId?': str() })),
});
const lookup = obj({
  match: nullable(obj({ paper, method: oneOf('arxiv-id', 'title', 'fuzzy-title'), confidence: num(0, 1) })),
  related: arr(obj({ paper, score: num(), reasons: strings })),
  coauthors: arr(obj({ author: obj({ id: str(), name: str(), 'metrics?': metrics }), coauthors: arr(coauthor) })),
});

/**
 * The answer to a 'lookup-page' or 'lookup-id' request (the same fields), or
 * a thrown Error the sidebar can show ("…could not read (reply.match.paper.date:
 * expected …)"). An error answer from the background becomes an Error with
 * its message.
 */
export function parseLookupReply<T extends LookupType>(raw: unknown, type: T): ResponseFor<T> {
  if (isObject(raw) && raw.type === 'error' && typeof raw.message === 'string') throw new Error(raw.message);
  try {
    if (!isObject(raw)) return fail('an object');
    if (raw.type !== type) throw new ReplyError(`"${type}"`, '.type');
    lookup(raw);
  } catch (e) {
    if (e instanceof ReplyError) throw new Error(`Paper Atlas background sent an answer it could not read (reply${e.path}: expected ${e.expected}).`);
    throw e;
  }
  // zod's .default([]): a coauthor without `papers` gets an empty list.
  for (const group of raw.coauthors as { coauthors: { papers?: unknown[] }[] }[]) for (const c of group.coauthors) c.papers ??= [];
  return raw as ResponseFor<T>;
}
