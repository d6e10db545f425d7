import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PaperSchema, type Paper } from '../../../src/dataset/schema';
import { authorKey, normalizeTitle } from '../../../src/index/normalize';
import { arxivRecordToPaper, importArxivJsonl, type ArxivBatch, type ArxivImportOptions } from '../../../src/import/arxiv-jsonl';
import { openImport } from '../../../src/import/index';
import type { Line } from '../../../src/import/lines';

const FIX = resolve(__dirname, '../../fixtures/metadata');
const read = (name: string) => readFileSync(resolve(FIX, name), 'utf8');
const jsonLines = (name: string) => read(name).trim().split('\n');
const records = (name: string) => jsonLines(name).map((l) => JSON.parse(l) as Record<string, unknown>);
const toLines = (texts: string[]): Line[] => texts.map((text, i) => ({ no: i + 1, text }));

function paperOf(obj: unknown): Paper {
  const r = arxivRecordToPaper(obj, 1);
  if ('problem' in r) throw new Error(`unexpected problem: ${r.problem.message}`);
  return r.paper;
}
function problemOf(obj: unknown, line = 7): string {
  const r = arxivRecordToPaper(obj, line);
  if (!('problem' in r)) throw new Error('expected a problem');
  expect(r.problem.line).toBe(line);
  return r.problem.message;
}
async function collect(lines: AsyncIterable<Line> | Iterable<Line>, opts?: ArxivImportOptions): Promise<ArxivBatch[]> {
  const out: ArxivBatch[] = [];
  for await (const b of importArxivJsonl(lines, opts)) out.push(b);
  return out;
}

describe('arxivRecordToPaper on real sample records', () => {
  const first = records('first-100.jsonl');

  it('maps the first record field by field', () => {
    const p = paperOf(first[0]);
    expect(p).toMatchObject({
      id: 'arxiv:1812.06145', arxivId: '1812.06145',
      title: 'Improving the Performance of Unimodal Dynamic Hand-Gesture Recognition with Multimodal Training',
      authors: ['Mahdi Abavisani', 'Hamid Reza Vaezi Joze', 'Vishal M. Patel'],
      authorsTruncated: false, affiliations: [], categories: ['cs.CV', 'cs.AI', 'cs.HC', 'cs.LG', 'stat.ML'],
      date: '2025-10-13', hasCode: false, sources: ['arxiv-metadata'],
    });
    expect(p.codeUrl).toBeUndefined();
    // hard wraps joined: one paragraph, no newline inside
    expect(p.abstract).toMatch(/^We present an efficient approach for leveraging the knowledge from multiple modalities in training/);
    expect(p.abstract).not.toContain('\n');
  });

  it('finds a scheme-less github link: hasCode and an https codeUrl', () => {
    expect(paperOf(first[1])).toMatchObject({ hasCode: true, codeUrl: 'https://github.com/mahdiabavisani/DSRC' });
  });

  it('turns all of the first 100 lines into valid papers with their authors', () => {
    const out = first.map((o, i) => arxivRecordToPaper(o, i + 1));
    expect(out.filter((r) => 'problem' in r)).toEqual([]);
    for (const r of out) if ('paper' in r) expect(PaperSchema.safeParse(r.paper).success).toBe(true);
  });

  it('keeps TeX in titles (only whitespace collapsed), so normalizeTitle still sees letters', () => {
    const tex = records('tex-titles.jsonl');
    expect(tex).toHaveLength(25);
    for (const o of tex) {
      const p = paperOf(o);
      expect(p.title).toBe(String(o.title).replace(/\s+/g, ' ').trim());
      expect(p.title).toContain('$');
      expect(normalizeTitle(p.title)).not.toContain('$');
    }
  });

  it('reads the github link forms found in the sample', () => {
    const byId = new Map(records('github-links.jsonl').map((o) => [o.id, paperOf(o).codeUrl]));
    expect(Object.fromEntries(byId)).toEqual({
      '1904.11093': 'https://github.com/mahdiabavisani/DSRC', // no scheme, sentence dot
      '2503.12460': 'https://github.com/Xu3XiWang/CAD-GD',
      '2503.13440': 'https://github.com/hustvl/MaTVLM', // http -> https
      '2503.16983': 'https://github.com/PaddlePaddle/PaddleMIX/tree/develop/ppdiffusers/examples/ppvctrl',
      '2503.12418': 'https://github.com/xielaobanyy/causal-imt', // \href{..}{..}
      '2503.12999': 'https://github.com/zengkaiya/CaT',
      '2503.17057': 'https://github.com/13204942/SSL_Cervical_Segmentation', // TeX \_
      '2503.21829': 'https://github.com/SCAN-NRAD/e3nn_U-Net',
      '2503.13740': undefined, // bare "www.github.com."
      '2503.21854': undefined, // "https://github.com/SAI-" has no repository
      '2503.11787': 'https://github.com/sremedios/eclare', // www.
      '2503.12052': undefined, // human-tailor.github.com is another host
      '2503.12464': 'https://github.com/graphnex/privacy-from-visual-entities', // in comments
    });
  });
});

describe('arxivRecordToPaper on the snapshot layout (hand-written lines, see fixtures README)', () => {
  const [maldacena, perelman, smith, condMat] = records('old-style.jsonl');

  it('accepts old-style ids and takes the date from versions[0].created', () => {
    expect(paperOf(maldacena)).toMatchObject({ id: 'arxiv:hep-th/9711200', arxivId: 'hep-th/9711200', date: '1997-11-27', authors: ['Juan M. Maldacena'] });
    expect(paperOf(perelman)).toMatchObject({ arxivId: 'math/0211159', date: '2002-11-11', categories: ['math.DG'] });
  });

  it('keeps suffixes, reads affiliations from authors_parsed and collapses a wrapped title', () => {
    expect(paperOf(smith)).toMatchObject({
      arxivId: 'math.GT/0309136', authors: ['John A. Smith Jr.', "Mar\\'ia Garc\\'ia", 'Li Wei'], affiliations: ['Univ. of Somewhere'],
      title: 'A Hand-Written Record with $S^3$ and an Old-Style Id', hasCode: true, codeUrl: 'https://github.com/example-org/s3-tools',
    });
  });

  it('without authors_parsed splits the authors string; without versions uses update_date', () => {
    expect(paperOf(condMat)).toMatchObject({ authors: ['A. Author', 'B. Author Jr.', 'C. Author'], date: '2001-02-28', affiliations: [] });
  });

  it('repairs a rough authors_parsed entry holding "X Jr. and Y" (seen in the sample)', () => {
    const o = { ...first100(0), authors: 'A B, Donald Johann Jr. and Fred Prior', authors_parsed: [['B', 'A', ''], ['Prior', 'Donald Johann Jr. and Fred', '']] };
    expect(paperOf(o).authors).toEqual(['A B', 'Donald Johann Jr.', 'Fred Prior']);
  });
});

function first100(i: number): Record<string, unknown> {
  return records('first-100.jsonl')[i] ?? {};
}

describe('broken records give a problem with the line and the reason', () => {
  const good = first100(0);
  it.each([
    [{ ...good, title: 42 }, 'title: expected string, got 42'],
    [{ ...good, categories: ['cs.LG'] }, 'categories: expected string, got ["cs.LG"]'],
    [{ ...good, authors_parsed: 'Smith, J.' }, 'authors_parsed: expected array'],
    [{ ...good, id: 'not-an-id' }, 'id: not an arXiv id'],
    [{ ...good, update_date: '13/10/2025' }, 'date: expected versions[0].created or update_date'],
    [{ ...good, update_date: '2025-02-30' }, 'date: expected'],
    [{ ...good, authors: '', authors_parsed: [] }, 'authors: expected'],
    [{ ...good, title: ' \n ' }, 'title: empty'],
    [null, '(root): expected object, got null'],
    [['1812.06145'], '(root): expected object'],
  ])('%#: %s', (obj, message) => {
    expect(problemOf(obj)).toContain(message);
  });

  it('accepts nulls and missing optional fields', () => {
    const p = paperOf({ id: '2501.00001', title: 'T', authors: 'A B', update_date: '2025-01-02', abstract: null, categories: null, versions: null });
    expect(p).toMatchObject({ abstract: '', categories: [], authors: ['A B'], date: '2025-01-02' });
  });
});

describe('importArxivJsonl', () => {
  const good = jsonLines('first-100.jsonl');

  it('yields batches of batchSize with cumulative linesRead and authors never repeated', async () => {
    const batches = await collect(toLines(good), { batchSize: 30, bytesRead: () => 42 });
    expect(batches.map((b) => b.papers.length)).toEqual([30, 30, 30, 10]);
    expect(batches.map((b) => b.linesRead)).toEqual([30, 60, 90, 100]);
    expect(batches.every((b) => b.bytesRead === 42)).toBe(true);
    const ids = batches.flatMap((b) => b.authors.map((a) => a.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("numbers each paper's names by their author's place in the import, across batches", async () => {
    // A name with no letters has no author (number -1); a name met again in a later batch keeps its number.
    const lines = [...good, JSON.stringify({ ...first100(0), id: '2501.00001', authors: 'Vishal M. Patel, ?', authors_parsed: null })];
    const batches = await collect(toLines(lines), { batchSize: 30 });
    const authors = batches.flatMap((b) => b.authors);
    const names = batches.flatMap((b) => b.papers.flatMap((p) => p.authors));
    const refs = batches.flatMap((b) => b.authorRefs);
    expect(refs).toHaveLength(names.length);
    expect(names.length).toBeGreaterThan(authors.length); // some authors have several papers
    names.forEach((name, i) => expect(refs[i] === -1 ? '' : authors[refs[i] ?? -2]?.id).toBe(authorKey(name)));
    expect(refs.slice(-2)).toEqual([authors.findIndex((a) => a.id === 'vishal m patel'), -1]);
  });

  it('reports broken lines with their numbers and keeps the rest', async () => {
    const lines = [...good];
    const cut = lines[4] ?? '';
    lines[4] = cut.slice(0, cut.length / 2); // truncated JSON line (line 5)
    lines[9] = JSON.stringify({ ...first100(9), title: 42 }); // wrong type (line 10)
    lines[19] = ''; // blank lines are skipped silently
    lines[29] = `${lines[29]}\r`; // stray CR from an editor: still JSON
    const [batch] = await collect(toLines(lines));
    expect(batch?.problems).toEqual([
      { line: 5, message: expect.stringMatching(/^not JSON: /) },
      { line: 10, message: 'title: expected string, got 42' },
    ]);
    expect(batch?.papers).toHaveLength(97);
  });

  it('refuses a file when more than half of the first 100 records fail, naming the first bad line', async () => {
    const lines = [good[0] ?? '', '', 'this is not json', '{"id": 1}', 'also not json'];
    await expect(collect(toLines(lines))).rejects.toThrow(/^not arXiv metadata: 3 of the first 4 records failed; line 3: not JSON: Unexpected token/);
    const half = [...good.slice(0, 50), ...Array<string>(50).fill('{')];
    expect((await collect(toLines(half)))[0]?.problems).toHaveLength(50); // exactly half is not "more than half"
  });

  it('refuses binary junk and empty files; yields nothing before refusing', async () => {
    const junk = Array.from({ length: 20 }, (_, i) => String.fromCharCode(...Array.from({ length: 80 }, (_, j) => (i * 31 + j * 17) % 256)));
    const seen: ArxivBatch[] = [];
    const run = async () => {
      for await (const b of importArxivJsonl(toLines(junk), { batchSize: 1 })) seen.push(b);
    };
    await expect(run()).rejects.toThrow(/^not arXiv metadata: 20 of the first 20 records failed; line 1: not JSON/);
    expect(seen).toEqual([]);
    await expect(collect(toLines(['', '  ']))).rejects.toThrow('no records');
  });

  it('gives identical results for the gzip and the plain slice read as files', async () => {
    const run = async (name: string) => {
      const opened = await openImport(new Blob([readFileSync(resolve(FIX, name))]).stream());
      expect(opened.format).toBe('jsonl-arxiv');
      const batches = await collect(opened.lines(), { bytesRead: opened.bytesRead });
      return { batches, gzipped: opened.gzipped };
    };
    const plain = await run('first-100.jsonl');
    const gz = await run('first-100.jsonl.gz');
    expect(gz.gzipped).toBe(true);
    const strip = (bs: ArxivBatch[]) => bs.map(({ bytesRead: _b, ...rest }) => rest);
    expect(strip(gz.batches)).toEqual(strip(plain.batches));
    expect(plain.batches.at(-1)?.bytesRead).toBe(186257);
    expect(gz.batches.at(-1)?.bytesRead).toBe(readFileSync(resolve(FIX, 'first-100.jsonl.gz')).byteLength);
  });
});
