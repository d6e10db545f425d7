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

/** Thrown for a reply that does not have the protocol's shape; `path` says where. */
class ReplyError extends Error {}

type Check = (value: unknown, path: string) => void;

const fail = (path: string, expected: string): never => {
  throw new ReplyError(`${path}: expected ${expected}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str =
  (min = 0, pattern?: RegExp): Check =>
  (v, path) => {
    if (typeof v !== 'string' || v.length < min || (pattern && !pattern.test(v))) fail(path, pattern ? `a string matching ${pattern}` : 'a string');
  };
const num =
  (min = -Infinity, max = Infinity, int = false): Check =>
  (v, path) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (int && !Number.isInteger(v))) fail(path, `a number in [${min}, ${max}]`);
  };
const bool: Check = (v, path) => {
  if (typeof v !== 'boolean') fail(path, 'true or false');
};
const oneOf =
  (...values: string[]): Check =>
  (v, path) => {
    if (typeof v !== 'string' || !values.includes(v)) fail(path, values.join(' | '));
  };
const arr =
  (item: Check): Check =>
  (v, path) => {
    if (!Array.isArray(v)) return fail(path, 'an array');
    for (let i = 0; i < v.length; i++) item(v[i], `${path}[${i}]`); // not forEach: a hole is checked too
  };
/** Fields marked optional (`?`) may be missing or undefined. */
const obj =
  (shape: Record<string, Check>): Check =>
  (v, path) => {
    if (!isObject(v)) return fail(path, 'an object');
    for (const [key, check] of Object.entries(shape)) {
      const optional = key.endsWith('?');
      const name = optional ? key.slice(0, -1) : key;
      if (optional && v[name] === undefined) continue;
      check(v[name], `${path}.${name}`);
    }
  };
const nullable =
  (check: Check): Check =>
  (v, path) => {
    if (v !== null) check(v, path);
  };

// Mirrors src/dataset/schema.ts PaperSchema and protocol.ts's lookup answer.
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const strings = arr(str());
const httpsUrl: Check = (v, path) => {
  str(1, /^https:\/\//)(v, path);
  if (!URL.canParse(v as string)) fail(path, 'a URL');
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
    if (!isObject(raw)) return fail('reply', 'an object');
    if (raw.type !== type) fail('reply.type', `"${type}"`);
    lookup(raw, 'reply');
  } catch (e) {
    if (e instanceof ReplyError) throw new Error(`Paper Atlas background sent an answer it could not read (${e.message}).`);
    throw e;
  }
  // zod's .default([]): a coauthor without `papers` gets an empty list.
  for (const group of raw.coauthors as { coauthors: { papers?: unknown[] }[] }[]) for (const c of group.coauthors) c.papers ??= [];
  return raw as ResponseFor<T>;
}
