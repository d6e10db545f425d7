import { describe, expect, it } from 'vitest';
import { surnameKey } from '../../../src/index/author-build';
import { authorKey, fullNameKey, isInitialsOnly, normalizeArxivId, normalizeTitle, stripAccents, stripTex } from '../../../src/index/normalize';
import { authorTerms, terms, tokenize } from '../../../src/index/tokenize';
import { prng } from '../../support/prng';

describe('normalizeTitle', () => {
  it('ignores case, punctuation and whitespace', () => {
    expect(normalizeTitle("  Don't Decay the Learning-Rate,\n Increase the   Batch Size! ")).toBe(
      'don t decay the learning rate increase the batch size',
    );
    expect(normalizeTitle('Griffin: Mixing Gated Linear Recurrences')).toBe(normalizeTitle('griffin mixing gated linear recurrences'));
  });

  it('strips $...$ TeX and keeps command names', () => {
    expect(normalizeTitle('$\\alpha$-GAN: Improving $O(n^2)$ Training')).toBe('alpha gan improving o n 2 training');
    expect(normalizeTitle('Learning with $\\mathcal{O}(1)$ memory')).toBe('learning with o 1 memory');
  });

  it('keeps the argument of \\emph{}, \\textbf{} and nested commands', () => {
    expect(normalizeTitle('An \\emph{Empirical} Study')).toBe('an empirical study');
    expect(normalizeTitle('A \\textbf{\\emph{Bold}} Claim')).toBe('a bold claim');
    expect(stripTex('\\textit{\\textbf{\\emph{x}}}')).toBe('x');
  });

  it('removes accents, also written as TeX', () => {
    expect(normalizeTitle('Gülçehre')).toBe('gulcehre');
    expect(normalizeTitle('G\\"{u}l\\c{c}ehre')).toBe('gulcehre');
    expect(normalizeTitle("Erd\\H{o}s and Poincar\\'e")).toBe('erdos and poincare');
  });

  it('gives the empty string for nothing but punctuation', () => {
    expect(normalizeTitle(' -- : $ $ ')).toBe('');
  });

  it('gives what the full Unicode path gives, whichever shortcut a title takes', () => {
    const pieces = ['Deep', 'NETS', ' ', '-', '$', '\\alpha', '\\emph{', '}', '{', '\\"o', "\\'e", 'é', 'Gülçehre', 'ﬁ', '\t', '\u0001', '3', 'x'];
    const reference = (t: string) => stripAccents(stripTex(t)).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const rand = prng(11);
    for (let i = 0; i < 3000; i++) {
      const t = Array.from({ length: Math.floor(rand() * 7) }, () => pieces[Math.floor(rand() * pieces.length)] ?? '').join(rand() < 0.5 ? '' : ' ');
      expect(normalizeTitle(t), JSON.stringify(t)).toBe(reference(t));
    }
  });
});

describe('stripAccents', () => {
  it('folds combining marks and letters NFKD leaves alone', () => {
    expect(stripAccents('Çağlar Gülçehre')).toBe('Caglar Gulcehre');
    expect(stripAccents('Łukasz Kaiser, Søren, Straße, ﬁne')).toBe('Lukasz Kaiser, Soren, Strasse, fine');
  });
});

describe('authorKey', () => {
  it('treats "Last, First" and "First Last" alike', () => {
    expect(authorKey('Smith, Samuel L.')).toBe('samuel l smith');
    expect(authorKey('Samuel L. Smith')).toBe('samuel l smith');
    expect(authorKey('Samuel L Smith')).toBe('samuel l smith');
    expect(authorKey('  samuel   l.  SMITH ')).toBe('samuel l smith');
  });

  it('folds accents', () => {
    expect(authorKey('Çağlar Gülçehre')).toBe(authorKey('Caglar Gulcehre'));
    expect(authorKey('Gülçehre, Çağlar')).toBe('caglar gulcehre');
    expect(authorKey('Łukasz Kaiser')).toBe('lukasz kaiser');
  });

  it('does not merge different people', () => {
    expect(authorKey('Samuel L. Smith')).not.toBe(authorKey('Samuel Smith'));
  });
});

describe('normalizeArxivId', () => {
  it('drops prefix and version', () => {
    expect(normalizeArxivId('2102.06171v3')).toBe('2102.06171');
    expect(normalizeArxivId(' arXiv:2102.06171 ')).toBe('2102.06171');
    expect(normalizeArxivId('hep-th/9901001v2')).toBe('hep-th/9901001');
    expect(normalizeArxivId('math.GT/0309136')).toBe('math.GT/0309136');
  });
});

describe('tokenize / terms', () => {
  it('normalizes, splits and drops 1-char tokens except digits', () => {
    expect(tokenize('A Bayesian Perspective on DP-SGD in 3 steps (v2)')).toEqual([
      'bayesian', 'perspective', 'on', 'dp', 'sgd', 'in', '3', 'steps', 'v2',
    ]);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' ,. ')).toEqual([]);
  });

  it('terms() drops stopwords', () => {
    expect(terms('On the Origin of Implicit Regularization in Stochastic Gradient Descent')).toEqual([
      'origin', 'implicit', 'regularization', 'stochastic', 'gradient', 'descent',
    ]);
  });

  it('authorTerms() keeps short surnames that are stopwords', () => {
    expect(authorTerms('Smith, Samuel L.')).toEqual(['samuel', 'smith']);
    expect(authorTerms('Yu An')).toEqual(['yu', 'an']);
  });
});

describe('fullNameKey', () => {
  it('says what isInitialsOnly and surnameKey say, for any key', () => {
    expect(fullNameKey('samuel l smith')).toBe('smith\u0001s l');
    expect(fullNameKey('jan van der berg')).toBe('van der berg\u0001j');
    expect(fullNameKey('s l smith')).toBeUndefined();
    const words = ['s', 'l', 'smith', 'van', 'der', 'de', 'jan', 'a', 'soham', 'łódź', ''];
    const rand = prng(11);
    for (let i = 0; i < 3000; i++) {
      const key = Array.from({ length: Math.floor(rand() * 5) }, () => words[Math.floor(rand() * words.length)] ?? '').join(' ');
      expect(fullNameKey(key), JSON.stringify(key)).toBe(isInitialsOnly(key) ? undefined : surnameKey(key));
    }
  });
});
