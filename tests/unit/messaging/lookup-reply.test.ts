import { describe, expect, it } from 'vitest';
import { parseLookupReply } from '@/src/messaging/lookup-reply';
import { LookupIdResponse, LookupPageResponse } from '@/src/messaging/protocol';

/**
 * The content script's zod-free check of lookup answers must accept and
 * refuse exactly what protocol.ts's zod schema does: every leaf of a full
 * reply is replaced by values of the wrong kind (and edge values of the right
 * kind), and both must agree on each.
 */
const paper = (id: string, extra: object = {}) => ({
  id,
  arxivId: '2102.06171',
  title: 'High-Performance Large-Scale Image Recognition Without Normalization',
  authors: ['Andrew Brock', 'Soham De'],
  authorsTruncated: false,
  affiliations: ['DeepMind'],
  categories: ['cs.CV', 'cs.LG'],
  date: '2021-02-11',
  abstract: 'Batch normalization is a key component…',
  hasCode: true,
  codeUrl: 'https://github.com/deepmind/deepmind-research',
  sources: ['seed:soham-de'],
  ...extra,
});

const reply = () => ({
  type: 'lookup-page',
  match: { paper: paper('p1'), method: 'arxiv-id', confidence: 1 },
  related: [{ paper: paper('p2', { arxivId: 'hep-th/9901001' }), score: 0.7, reasons: ['shared author: Soham De'] }],
  coauthors: [
    {
      author: { id: 'soham de', name: 'Soham De', metrics: { hIndex: 30, papers: 50, citations: 9000, novelty: 42.5, aiScore: 1.5 } },
      coauthors: [{ id: 'samuel l smith', name: 'Samuel L. Smith', jointPapers: 2, paperIds: ['p1', 'p2'], papers: [{ id: 'p1', title: 'NFNets', arxivId: '2102.06171' }] }],
    },
  ],
});

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside `v` (objects and arrays included). */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

function withValue(root: Json, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  if (path.length === 0) return value;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const REPLACEMENTS: unknown[] = [undefined, null, true, 0, -1, 0.5, 2, 101, Infinity, NaN, '', 'x', 'http://example.com', 'https://', '2021-2-1', 'not an id', [], [1], {}, { a: 1 }];

const accepts = (raw: unknown) => {
  try {
    parseLookupReply(raw, 'lookup-page');
    return true;
  } catch {
    return false;
  }
};

describe('parseLookupReply', () => {
  it('accepts a full valid reply and keeps its data', () => {
    const r = reply();
    expect(LookupPageResponse.safeParse(r).success).toBe(true);
    expect(parseLookupReply(structuredClone(r), 'lookup-page')).toEqual(LookupPageResponse.parse(r));
  });

  it('agrees with the zod schema on every leaf replaced by every kind of value', () => {
    const base = reply() as unknown as Json;
    let checked = 0;
    for (const path of paths(base)) {
      if (path[0] === 'type') continue; // the type is checked against the request below
      for (const value of REPLACEMENTS) {
        const raw = withValue(base, path, value);
        const zod = LookupPageResponse.safeParse(structuredClone(raw)).success;
        expect(accepts(structuredClone(raw)), `${path.join('.')} = ${JSON.stringify(value)}`).toBe(zod);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('refuses a malformed reply with an error that says what is wrong', () => {
    const bad = withValue(reply() as unknown as Json, ['match', 'paper', 'date'], 'yesterday');
    expect(() => parseLookupReply(bad, 'lookup-page')).toThrow(/could not read \(reply\.match\.paper\.date: expected/);
    // Where, through arrays and objects: the sidebar's error names the value.
    const deep = withValue(reply() as unknown as Json, ['related', 0, 'paper', 'authors', 1], 7);
    expect(() => parseLookupReply(deep, 'lookup-page')).toThrow(/could not read \(reply\.related\[0\]\.paper\.authors\[1\]: expected a string\)/);
    expect(() => parseLookupReply(undefined, 'lookup-page')).toThrow(/could not read \(reply: expected an object\)/);
    expect(() => parseLookupReply('<html>', 'lookup-page')).toThrow(/could not read/);
  });

  it('refuses an answer to another request, and passes an error answer on as its message', () => {
    expect(() => parseLookupReply(reply(), 'lookup-id')).toThrow(/reply\.type: expected "lookup-id"/);
    expect(() => parseLookupReply({ type: 'error', message: 'index unavailable' }, 'lookup-page')).toThrow(/^index unavailable$/);
  });

  it('reads a lookup-id answer, including "no paper has this id"', () => {
    const none = { type: 'lookup-id', match: null, related: [], coauthors: [] };
    expect(LookupIdResponse.safeParse(none).success).toBe(true);
    expect(parseLookupReply(none, 'lookup-id')).toEqual(none);
    expect(parseLookupReply({ ...reply(), type: 'lookup-id' }, 'lookup-id').match?.paper.id).toBe('p1');
  });

  it('gives a coauthor without its papers an empty list, as the schema does', () => {
    const r = reply();
    delete (r.coauthors[0]?.coauthors[0] as { papers?: unknown }).papers;
    expect(parseLookupReply(r, 'lookup-page').coauthors[0]?.coauthors[0]?.papers).toEqual([]);
  });
});
