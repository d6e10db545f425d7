import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { datasetFingerprint, INDEX_FORMAT_VERSION, IndexLoadError, type SerializedIndex } from '../../../src/index/serialize';

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
const roundTrip = (): SerializedIndex => JSON.parse(JSON.stringify(json)) as SerializedIndex;

describe('index serialization', () => {
  it('is versioned, JSON-able and delta-encodes ordinals', () => {
    expect(json.version).toBe(INDEX_FORMAT_VERSION);
    expect(json.paperCount).toBe(6);
    expect(json.fingerprint).toBe(datasetFingerprint(papers));
    expect(json.vocab).toEqual([...json.vocab].sort());
    const smith = json.postings[json.vocab.indexOf('smith')];
    // papers 0, 1, 2, 3 -> gaps 0, 1, 1, 1, each followed by a posting code
    expect(smith?.filter((_, i) => i % 2 === 0)).toEqual([0, 1, 1, 1]);
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
    const bad: unknown[] = [
      null,
      'index',
      [],
      { ...roundTrip(), vocab: 'x' },
      { ...roundTrip(), vocab: roundTrip().vocab.slice(1) },
      { ...roundTrip(), vocab: [...roundTrip().vocab].reverse() },
      { ...roundTrip(), postings: roundTrip().postings.map((l, i) => (i === 0 ? [...l, 1] : l)) },
      { ...roundTrip(), postings: roundTrip().postings.map((l, i) => (i === 0 ? [99, 2] : l)) },
      { ...roundTrip(), postings: roundTrip().postings.map((l, i) => (i === 0 ? [0, -2] : l)) },
      { ...roundTrip(), postings: roundTrip().postings.map((l, i) => (i === 0 ? [0, 2, 0, 2] : l)) },
    ];
    for (const data of bad) expect(() => PaperIndex.fromJSON(data, dataset), JSON.stringify(data)?.slice(0, 60)).toThrow(IndexLoadError);
  });
});
