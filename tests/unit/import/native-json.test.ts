import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetFromProfile } from '../../../src/dataset/default-dataset';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '../../../src/dataset/schema';
import { importArxivJsonl } from '../../../src/import/arxiv-jsonl';
import { mergePapers } from '../../../src/import/merge';
import { exportDataset, parseNativeDataset } from '../../../src/import/native-json';

const ROOT = resolve(__dirname, '../../..');
const SEED = readFileSync(resolve(ROOT, 'assets/seed/samuel-l-smith.txt'), 'utf8');
const seed = datasetFromProfile(SEED, { id: 'default', name: 'Samuel L. Smith (seed)', createdAt: '2024-01-01T00:00:00.000Z' });

async function sliceDataset(): Promise<Dataset> {
  const files = ['first-100.jsonl', 'tex-titles.jsonl', 'old-style.jsonl', 'github-links.jsonl'];
  const text = files.map((f) => readFileSync(resolve(ROOT, 'tests/fixtures/metadata', f), 'utf8').trim()).join('\n');
  const ds: Dataset = { format: DATASET_FORMAT, version: DATASET_VERSION, id: 'slice', name: 'Sample slice', createdAt: '2026-01-01T00:00:00.000Z', authors: [], papers: [] };
  const lines = text.split('\n').map((t, i) => ({ no: i + 1, text: t }));
  for await (const b of importArxivJsonl(lines)) {
    // the slices overlap (a TeX title or a code link among the first 100)
    ds.papers = mergePapers(ds.papers, b.papers).papers;
    ds.authors.push(...b.authors);
  }
  return ds;
}

/** A deep copy to break, so each case starts from a valid dataset. */
const broken = (edit: (d: Record<string, unknown> & Dataset) => void): string => {
  const d = structuredClone(seed) as Record<string, unknown> & Dataset;
  edit(d);
  return JSON.stringify(d);
};

describe('exportDataset / parseNativeDataset', () => {
  it('round-trips the seed dataset', () => {
    const text = exportDataset(seed);
    expect(parseNativeDataset(text)).toEqual(seed);
    expect(seed.papers.some((p) => p.codeUrl)).toBe(true); // optional fields exercised
  });

  it('round-trips a dataset built from sample slices (TeX, old ids, code links)', async () => {
    const ds = await sliceDataset();
    expect(ds.papers.length).toBeGreaterThan(130);
    expect(ds.papers.some((p) => p.arxivId === 'hep-th/9711200')).toBe(true);
    expect(parseNativeDataset(exportDataset(ds))).toEqual(ds);
  });

  it('is stable: same bytes whatever the key order of the input objects; format first', () => {
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverseKeys)
        : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)]))
          : v;
    const reordered = reverseKeys(seed) as Dataset;
    expect(Object.keys(reordered)[0]).toBe('papers');
    expect(exportDataset(reordered)).toBe(exportDataset(seed));
    const text = exportDataset(seed);
    expect(text.startsWith('{\n  "format": "paper-atlas",\n  "version": 1,')).toBe(true);
    // "{", 5 head fields, each list with its "[" and "]" lines, "}", and the final newline
    expect(text.split('\n')).toHaveLength(1 + 5 + (seed.authors.length + 2) + (seed.papers.length + 2) + 1 + 1);
  });

  it('refuses to export an invalid dataset', () => {
    expect(() => exportDataset({ ...seed, name: '' })).toThrow(/^not a valid dataset: name: /);
  });

  it.each([
    ['papers[3].date: expected YYYY-MM-DD, got "2023/08/21"', (d: Dataset) => { if (d.papers[3]) d.papers[3].date = '2023/08/21'; }],
    ['papers[0].arxivId: not an arXiv id', (d: Dataset) => { if (d.papers[0]) d.papers[0].arxivId = '2102.061'; }],
    ['papers[2].codeUrl: Invalid string: must start with "https://", got "http://github.com/x/y"', (d: Dataset) => { if (d.papers[2]) d.papers[2].codeUrl = 'http://github.com/x/y'; }],
    ['authors[0].metrics.hIndex: expected number, got "79"', (d: Dataset) => { if (d.authors[0]?.metrics) Object.assign(d.authors[0].metrics, { hIndex: '79' }); }],
    ['format: expected "paper-atlas", got "other-app"', (d: Dataset) => { Object.assign(d, { format: 'other-app' }); }],
    ['version: expected 1, got 2', (d: Dataset) => { Object.assign(d, { version: 2 }); }],
    ['papers: expected array, got nothing', (d: Dataset) => { Reflect.deleteProperty(d, 'papers'); }],
    ['papers[5].id: duplicate of papers[1]', (d: Dataset) => { if (d.papers[5] && d.papers[1]) d.papers[5].id = d.papers[1].id; }],
  ])('names the path: %s', (message, edit) => {
    expect(() => parseNativeDataset(broken(edit))).toThrow(message);
  });

  it('reports several problems at once and says how many more', () => {
    const text = broken((d) => d.papers.forEach((p) => { p.date = ''; }));
    expect(() => parseNativeDataset(text)).toThrow(/papers\[0\]\.date: expected YYYY-MM-DD, got ""; papers\[1\]\.date: .*; papers\[2\]\.date: .* \(and 16 more\)$/);
  });

  it('says "not JSON" for text that is not JSON', () => {
    expect(() => parseNativeDataset(exportDataset(seed).slice(0, 500))).toThrow(/^not JSON: /);
  });
});
