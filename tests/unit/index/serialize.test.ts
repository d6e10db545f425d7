import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { datasetFingerprint, INDEX_FORMAT_VERSION, IndexLoadError, type SerializedIndex } from '../../../src/index/serialize';
import { encodePosting, MAX_PAPERS, packPostings, postCode, postOrd } from '../../../src/index/term-index';
import { arrayChecksum, cell, columnChecksum, columnFits, list, packLists, packStrings, PART } from '../../../src/index/columns';

function mk(i: number, title: string, authors: string[], abstract: string, categories = ['cs.LG']): Paper {
  return {
    id: `p${i}`, title, authors, authorsTruncated: false, affiliations: [], categories,
    date: `20${10 + (i % 14)}-01-0${1 + (i % 9)}`, abstract, hasCode: false, sources: ['test'],
  };
}

const papers: Paper[] = [
  mk(0, "Don't Decay the Learning Rate, Increase the Batch Size", ['Samuel L. Smith', 'Quoc V. Le'], 'Increase the batch size instead of decaying the learning rate.'),
  mk(1, 'A Bayesian Perspective on Generalization and Stochastic Gradient Descent', ['Samuel L. Smith', 'Quoc V. Le'], 'Optimum batch size and learning rate.'),
  mk(2, 'High-Performance Large-Scale Image Recognition Without Normalization', ['Andrew Brock', 'Soham De', 'Samuel L. Smith'], 'Batch normalization and adaptive gradient clipping.', ['cs.CV']),
  mk(3, 'Griffin: Mixing Gated Linear Recurrences with Local Attention', ['Soham De', 'Samuel L. Smith'], 'Recurrent models with local attention.'),
  mk(4, 'Universality of Linear Recurrences', ['Antonio Orvieto', 'Çağlar Gülçehre'], 'Linear RNNs with MLPs are universal.'),
  mk(5, 'Differentially Private Diffusion Models', ['Sahra Ghalebikesabi'], 'Private training of diffusion models with DP-SGD.'),
];
const dataset = { papers, authors: [] };
const built = PaperIndex.build(dataset);
const json = built.toJSON();
/** What IndexedDB does to the stored value: a structured clone (typed arrays kept). */
const roundTrip = (): SerializedIndex => structuredClone(json);

describe('index serialization', () => {
  it('is versioned and made of typed arrays (CSR postings, ordinals ascending per term)', () => {
    expect(json.version).toBe(INDEX_FORMAT_VERSION);
    expect(json.paperCount).toBe(6);
    expect(json.fingerprint).toBe(datasetFingerprint(papers));
    const vocab = json.vocab.split('\n');
    expect(vocab).toEqual([...vocab].sort());
    expect(json.offsets).toBeInstanceOf(Uint32Array);
    expect(json.posts).toBeInstanceOf(Uint32Array);
    const t = vocab.indexOf('smith');
    const smith = [...json.posts.subarray(json.offsets[t], json.offsets[t + 1])];
    expect(smith.map(postOrd)).toEqual([0, 1, 2, 3]);
    // Each packed posting carries its code: "smith" is an author name, not title or abstract text.
    expect(smith.map((p) => postCode(p))).toEqual(smith.map(() => encodePosting(0, 0, true)));
    expect(roundTrip()).toEqual(json);
  });

  it('answers search, related and coauthors identically after fromJSON(toJSON())', () => {
    const loaded = PaperIndex.fromJSON(roundTrip(), dataset);
    for (const q of ['smith', 'batch', 'lin rec', 'gulcehre', 'private diff', 'xyz', 'le']) {
      expect(loaded.search(q), q).toEqual(built.search(q));
    }
    for (const p of papers) {
      const rq = { title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id };
      expect(loaded.related(rq), p.id).toEqual(built.related(rq));
    }
    expect(loaded.related({ title: 'batch size', abstract: '', authors: [], categories: [] }).length).toBeGreaterThan(0);
    expect(loaded.coauthorsOf(['Samuel L. Smith'])).toEqual(built.coauthorsOf(['Samuel L. Smith']));
    expect(loaded.size).toBe(6);
  });

  it('throws IndexLoadError for an unknown version', () => {
    const data = { ...roundTrip(), version: INDEX_FORMAT_VERSION + 1 };
    expect(() => PaperIndex.fromJSON(data, dataset)).toThrow(IndexLoadError);
    try {
      PaperIndex.fromJSON(data, dataset);
    } catch (e) {
      expect(e instanceof IndexLoadError && e.problem).toBe('version');
    }
  });

  it('throws when the index was built for other papers', () => {
    const fewer = { papers: papers.slice(0, 5), authors: [] };
    expect(() => PaperIndex.fromJSON(roundTrip(), fewer)).toThrow(/different papers/);
    const renamed = { papers: papers.map((p, i) => (i === 2 ? { ...p, title: `${p.title}!` } : p)), authors: [] };
    expect(() => PaperIndex.fromJSON(roundTrip(), renamed)).toThrow(IndexLoadError);
  });

  it('throws on malformed data instead of loading it', () => {
    const rt = roundTrip;
    const smithAt = json.offsets[json.vocab.split('\n').indexOf('smith')] ?? 0;
    const bad: unknown[] = [
      null,
      'index',
      [],
      { ...rt(), vocab: ['x'] },
      { ...rt(), vocab: rt().vocab.split('\n').slice(1).join('\n') },
      { ...rt(), vocab: rt().vocab.split('\n').reverse().join('\n') },
      { ...rt(), posts: Array.from(rt().posts) },
      { ...rt(), posts: rt().posts.slice(1) },
      { ...rt(), posts: rt().posts.map((o, i) => (i === 0 ? 99 * 256 : o)) },
      // "smith" postings 0,1,2,3 -> 0,0,2,3: not ascending
      { ...rt(), posts: rt().posts.map((o, i) => (i === smithAt + 1 ? postCode(o) : o)) },
      { ...rt(), norms: new Float32Array(2) },
      { ...rt(), offsets: rt().offsets.map((o, i) => (i === 1 ? 0 : o)) },
    ];
    bad.forEach((data, i) => expect(() => PaperIndex.fromJSON(data, dataset), `case ${i}`).toThrow(IndexLoadError));
  });
});

describe('packed postings (term-index.ts)', () => {
  it('keep every ordinal and code, in the same order, up to the last ordinal that fits', () => {
    const ords = Uint32Array.of(0, 1, 255, 256, 65_535, 1_000_000, MAX_PAPERS - 1);
    const codes = Uint8Array.of(0, 255, 1, 128, 7, 31, 254);
    const posts = packPostings(ords.slice(), codes);
    expect([...posts].map(postOrd)).toEqual([...ords]);
    expect([...posts].map(postCode)).toEqual([...codes]);
    for (let i = 1; i < posts.length; i++) expect(posts[i]).toBeGreaterThan(posts[i - 1] ?? 0);
  });

  it('refuse an ordinal past 2^24 - 1 with an error that says so', () => {
    expect(() => packPostings(Uint32Array.of(MAX_PAPERS), Uint8Array.of(0))).toThrow(/does not fit a posting/);
  });
});

describe('snapshot columns (columns.ts)', () => {
  it('an array checks the same wherever its view starts in its buffer (a copy may be re-based)', () => {
    const bytes = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 31) & 255);
    for (const at of [1, 2, 3, 4, 5]) {
      const buffer = new Uint8Array(bytes.length + 8);
      buffer.set(bytes, at);
      const view = buffer.subarray(at, at + bytes.length);
      expect(arrayChecksum(view), `offset ${at}`).toBe(arrayChecksum(bytes));
      view[view.length - 1] = (view[view.length - 1] ?? 0) ^ 1;
      expect(arrayChecksum(view), `offset ${at}, last byte changed`).not.toBe(arrayChecksum(bytes));
    }
  });

  it('a large array is hashed by a sample, and still tells a cut, a swap or an edited end apart', () => {
    const rand = (seed: number) => Uint32Array.from({ length: 600_000 }, (_, i) => Math.imul(i + seed, 2654435761) >>> 0);
    const a = rand(1);
    const sum = arrayChecksum(a);
    expect(arrayChecksum(a.slice())).toBe(sum);
    expect(arrayChecksum(a.slice(0, -1))).not.toBe(sum);
    expect(arrayChecksum(rand(2))).not.toBe(sum);
    for (const at of [0, 1023, a.length - 1]) {
      const b = a.slice();
      b[at] = (b[at] ?? 0) ^ 1;
      expect(arrayChecksum(b), `word ${at}`).not.toBe(sum);
    }
    // Half written: the second half from another record.
    const half = a.slice();
    half.set(rand(2).subarray(300_000, 590_000), 300_000);
    expect(arrayChecksum(half)).not.toBe(sum);
    // A small array is hashed whole: any word counts.
    const small = rand(3).subarray(0, 1000).slice();
    const edited = small.slice();
    edited[517] = (edited[517] ?? 0) + 1;
    expect(arrayChecksum(edited)).not.toBe(arrayChecksum(small));
  });

  it('pack strings and lists over several parts and read each back exactly', () => {
    const values = Array.from({ length: PART * 2 + 17 }, (_, i) => (i % 7 === 0 ? '' : i % 5 === 0 ? `Théorème ${i} — ∑` : `title ${i}`));
    const col = packStrings(values);
    expect(col.parts).toHaveLength(3);
    expect(values.every((v, i) => cell(col, i) === v)).toBe(true);
    expect(columnFits(col, values.length)).toBe(true);
    const lists = values.map((v, i) => (i % 3 === 0 ? [] : [v, `${i}`]));
    const packed = packLists(lists);
    expect(lists.every((l, i) => JSON.stringify(list(packed, i)) === JSON.stringify(l))).toBe(true);
  });

  it('a part cut short, or one end too many, does not fit; a changed character changes the checksum', () => {
    const col = packStrings(Array.from({ length: PART + 3 }, (_, i) => `x${i}`));
    expect(columnFits({ ...col, parts: [col.parts[0]?.slice(1), col.parts[1]] }, PART + 3)).toBe(false);
    expect(columnFits(col, PART + 4)).toBe(false);
    const edited = { ...col, parts: [col.parts[0] ?? '', (col.parts[1] ?? '').replace('x', 'y')] };
    expect(columnChecksum(edited)).not.toBe(columnChecksum(col));
  });
});
