import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaperSchema } from '../../../src/dataset/schema';
import { arxivRecordToPaper } from '../../../src/import/arxiv-jsonl';
import { ArxivRecordSchema, isArxivRecord } from '../../../src/import/arxiv-record';

const FIX = resolve(__dirname, '../../fixtures/metadata');
const fixtures = readdirSync(FIX).filter((f) => f.endsWith('.jsonl'));
const records = fixtures.flatMap((f) =>
  readFileSync(resolve(FIX, f), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>),
);

/** Each field of a record replaced by values of other types, removed, or nulled. */
function variants(r: Record<string, unknown>): unknown[] {
  const odd = [null, undefined, 42, true, 'text', [], ['x'], [[1]], [['a', null]], [{}], [{ created: 7 }], [{ created: null }], {}, [[]], [null]];
  const out: unknown[] = [null, 'text', 42, [], [r]];
  for (const key of [...Object.keys(r), 'authors_parsed', 'versions', 'comments']) {
    for (const v of odd) out.push({ ...r, [key]: v });
    const { [key]: _dropped, ...rest } = r;
    out.push(rest);
  }
  return out;
}

describe('the fast record check agrees with the zod schema', () => {
  it(`on every fixture record (${fixtures.join(', ')})`, () => {
    expect(records.length).toBeGreaterThan(100);
    for (const r of records) expect(isArxivRecord(r)).toBe(ArxivRecordSchema.safeParse(r).success);
  });

  it('on records with fields of the wrong type, null or missing', () => {
    let refused = 0;
    for (const v of records.slice(0, 5).flatMap(variants)) {
      const zod = ArxivRecordSchema.safeParse(v).success;
      expect(isArxivRecord(v), JSON.stringify(v)?.slice(0, 200)).toBe(zod);
      if (!zod) refused++;
    }
    expect(refused).toBeGreaterThan(100);
  });

  it('bad records still get zod\'s precise message', () => {
    const r = arxivRecordToPaper({ ...records[0], authors_parsed: [['Smith', 3]] }, 4);
    expect(r).toEqual({ problem: { line: 4, message: 'authors_parsed[0][1]: expected string, got 3' } });
  });
});

describe('papers built without PaperSchema are what PaperSchema would return', () => {
  it('on every fixture record, key order included', () => {
    let papers = 0;
    for (const [i, r] of records.entries()) {
      const out = arxivRecordToPaper(r, i + 1);
      if ('problem' in out) continue;
      papers++;
      expect(JSON.stringify(PaperSchema.parse(out.paper))).toBe(JSON.stringify(out.paper));
    }
    expect(papers).toBeGreaterThan(100);
  });
});
