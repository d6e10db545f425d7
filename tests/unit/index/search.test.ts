import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { PaperIndex } from '../../../src/index/paper-index';
import { parseQuery } from '../../../src/index/search';

function mk(id: string, title: string, authors: string[], abstract: string, date: string, arxivId?: string): Paper {
  return {
    id, title, authors, authorsTruncated: false, affiliations: [], categories: ['cs.LG'], date, abstract,
    hasCode: false, sources: ['test'], ...(arxivId ? { arxivId } : {}),
  };
}

const papers: Paper[] = [
  mk('origin', 'On the Origin of Implicit Regularization in Stochastic Gradient Descent', ['Samuel L. Smith', 'Benoit Dherin'],
    'For infinitesimal learning rates, stochastic gradient descent follows the path of gradient flow.', '2021-01-28', '2101.12176'),
  mk('griffin', 'Griffin: Mixing Gated Linear Recurrences with Local Attention for Efficient Language Models', ['Soham De', 'Samuel L. Smith'],
    'Recurrent neural networks have fast inference and scale efficiently on long sequences.', '2024-02-29'),
  mk('batch', "Don't Decay the Learning Rate, Increase the Batch Size", ['Samuel L. Smith', 'Quoc V. Le'],
    'We obtain the same learning curve on both training and test sets by increasing the batch size.', '2017-11-01'),
  mk('dp', 'Unlocking High-Accuracy Differentially Private Image Classification through Scale', ['Soham De', 'Leonard Berrada'],
    'DP-SGD with large batch sizes and careful tuning reaches high accuracy under differential privacy.', '2022-04-28'),
  mk('nfnet', 'High-Performance Large-Scale Image Recognition Without Normalization', ['Andrew Brock', 'Soham De'],
    'Batch normalization is a key component of most image classification models.', '2021-02-11'),
  mk('bn', 'Batch Normalization Biases Residual Blocks Towards the Identity Function', ['Soham De', 'Samuel L. Smith'],
    'We show that batch normalization biases residual blocks towards the identity.', '2020-02-24'),
  mk('snf', 'Computing the Smith Normal Form Quickly', ['Ada Algebra'], 'An algorithm for integer matrices.', '2010-01-01'),
  mk('mention', 'Lattice Reduction Revisited', ['Bob Lattice'], 'We build on the classical decomposition due to Smith, after normalization.', '2023-01-01'),
  mk('universal', 'Universality of Linear Recurrences Followed by Non-linear Projections', ['Antonio Orvieto', 'Çağlar Gülçehre'],
    'Deep neural networks based on linear RNNs interleaved with MLPs.', '2023-07-21'),
];
const index = PaperIndex.build({ papers, authors: [] });
const ids = (q: string, limit?: number) => index.search(q, limit).map((h) => h.paper.id);

describe('parseQuery', () => {
  it('marks the last token as a prefix while typing and drops stopwords', () => {
    expect(parseQuery('on the origin of impl')).toEqual([
      { token: 'origin', prefix: false },
      { token: 'impl', prefix: true },
    ]);
    expect(parseQuery('origin ')).toEqual([{ token: 'origin', prefix: false }]);
    expect(parseQuery('batch size, ')).toEqual([
      { token: 'batch', prefix: false },
      { token: 'size', prefix: false },
    ]);
    expect(parseQuery('griffin m')).toEqual([{ token: 'griffin', prefix: false }]);
    expect(parseQuery('the')).toEqual([]);
  });
});

describe('PaperIndex.search', () => {
  it('returns [] for empty, blank or stopword-only queries', () => {
    expect(index.search('')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('of the ')).toEqual([]);
    expect(index.search('?!')).toEqual([]);
  });

  it('finds papers by author name', () => {
    expect(ids('smith').slice(0, 5).sort()).toEqual(['batch', 'bn', 'griffin', 'origin', 'snf'].sort());
    expect(ids('samuel smith').sort()).toEqual(['batch', 'bn', 'griffin', 'origin']);
    expect(ids('gülçehre')).toEqual(['universal']);
    expect(ids('gulcehre')).toEqual(['universal']);
  });

  it('finds titles by word and by prefix of the last word', () => {
    expect(ids('griffin')).toEqual(['griffin']);
    expect(ids('implicit reg')).toEqual(['origin']);
    expect(ids('on the origin of')).toEqual(['origin']);
    expect(ids('Implicit Regularization')).toEqual(['origin']);
  });

  it('treats only the last token as a prefix', () => {
    const hits = index.search('batc');
    expect(hits.map((h) => h.paper.id).sort()).toEqual(['batch', 'bn', 'dp', 'nfnet']);
    expect(hits.find((h) => h.paper.id === 'batch')?.matchedTerms).toEqual(['batch']);
    expect(hits.find((h) => h.paper.id === 'dp')?.matchedTerms).toEqual(['batch']);
    expect(ids('batc ')).toEqual([]);
    expect(ids('batc size')).toEqual([]);
  });

  it('requires every token (AND)', () => {
    expect(ids('batch normalization').sort()).toEqual(['bn', 'nfnet']);
    expect(ids('batch privacy')).toEqual(['dp']);
    expect(ids('griffin batch')).toEqual([]);
    expect(ids('griffin zzz')).toEqual([]);
  });

  it('weights title above authors above abstract', () => {
    // "smith": title (snf), authors (origin, griffin, batch, bn), abstract only (mention).
    const order = ids('smith');
    expect(order[0]).toBe('snf');
    expect(order[order.length - 1]).toBe('mention');
    expect(order).toHaveLength(6);
    // Title hit beats an abstract-only hit even when the abstract hit is newer.
    expect(ids('normalization')).toEqual(['nfnet', 'bn', 'mention']);
    const [nfnet, bn, mention] = index.search('normalization');
    expect(bn?.score).toBeCloseTo(nfnet?.score ?? 0, 10);
    expect(nfnet?.score).toBeCloseTo(3 * (mention?.score ?? 0), 10);
    expect(ids('identity')).toEqual(['bn']);
    expect(ids('recurr')).toEqual(['griffin', 'universal']); // both titles: newer first
  });

  it('breaks score ties by date, newest first', () => {
    // Same field (authors), same term: newest first.
    expect(ids('samuel smith')).toEqual(['griffin', 'origin', 'bn', 'batch']);
  });

  it('reports the index terms that matched, for highlighting', () => {
    const [hit] = index.search('gradient desc');
    expect(hit?.paper.id).toBe('origin');
    expect(hit?.matchedTerms).toEqual(['descent', 'gradient']);
    const griffin = index.search('rec').find((h) => h.paper.id === 'griffin');
    expect(griffin?.matchedTerms).toEqual(['recurrences', 'recurrent']);
  });

  it('puts the paper first when the query is its arXiv id', () => {
    expect(ids('2101.12176v2')).toEqual(['origin']);
    expect(index.search('arXiv:2101.12176')[0]?.paper.id).toBe('origin');
  });

  it('respects the limit', () => {
    expect(ids('smith', 2)).toEqual(['snf', 'griffin']);
    expect(ids('smith', 0)).toEqual([]);
  });
});

describe('a short prefix with a wide term range', () => {
  // 80 distinct "qu…" words: past MATCHED_TERMS_EXACT_MAX a hit carries only its best term of that range.
  const words = Array.from({ length: 80 }, (_, i) => `qu${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}x`);
  const wide = PaperIndex.build({
    papers: words.map((w, i) => mk(`w${i}`, `${w} tensor`, ['Ann Lee'], `${words[(i + 1) % words.length]} study`, '2020-01-01')),
    authors: [],
  });
  it('marks the best-scoring term of the range (the title word, not the abstract one)', () => {
    const hits = wide.search('qu', 5);
    expect(hits).toHaveLength(5);
    for (const h of hits) expect(h.matchedTerms).toEqual([firstWord(h.paper.title)]);
  });
  it('keeps every matched term of the other tokens', () => {
    const [hit] = wide.search('tensor qua', 1);
    expect(hit?.matchedTerms).toEqual(['quaax', 'tensor']);
  });
});

function firstWord(title: string): string {
  return title.split(' ')[0] ?? '';
}
