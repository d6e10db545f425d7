import { describe, expect, it } from 'vitest';
import type { Author, Paper } from '../../../src/dataset/schema';
import { AuthorGraphBuilder } from '../../../src/index/author-build';
import { TermTable } from '../../../src/index/intern';
import { authorKey, stripAccents, stripTex } from '../../../src/index/normalize';
import { PaperIndex } from '../../../src/index/paper-index';
import { IndexLoadError } from '../../../src/index/serialize';
import { authorTerms, tokenize } from '../../../src/index/tokenize';
import { prng } from '../../support/prng';


// ASCII with TeX, control characters or DEL takes its own path in TermTable.scan;
// plain terms of up to 20 characters are looked up by their short code (two numbers past 10), longer ones by their characters.
const PIECES = ['Smith', 'samuel', ' ', ' ', ',', '.', '-', 'L.', 'de', 'Gülçehre', '\\"o', '$\\alpha$', '{x}', '3', 'a1', '\t', 'ÉCOLE', 'łódź', 'X', 'q', '\\emph{Ab}', '\\\\', '\u0001', '\u007f',
  'Zz09aBcDeF', 'zz09abcdef1', '00', '0', 'Transformers', 'ABCDEFGHIJklmnopqrst', 'abcdefghijklmnopqrstu'];
const randomText = (rand: () => number): string =>
  Array.from({ length: Math.floor(rand() * 8) }, () => PIECES[Math.floor(rand() * PIECES.length)] ?? '').join(rand() < 0.5 ? '' : ' ');

/** authorKey as it was written before its ASCII fast path (the reference). */
function slowAuthorKey(name: string): string {
  let n = stripAccents(stripTex(name)).replace(/\s+/g, ' ').trim();
  const comma = n.indexOf(',');
  if (comma > 0) n = `${n.slice(comma + 1)} ${n.slice(0, comma)}`;
  return n.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

describe('index build', () => {
  it('authorKey fast path agrees with the general one', () => {
    const rand = prng(3);
    for (let i = 0; i < 3000; i++) {
      const s = randomText(rand);
      expect(authorKey(s), JSON.stringify(s)).toBe(slowAuthorKey(s));
    }
  });

  // TermTable's own paths besides: a plain text that turns out to have TeX or a non-ASCII character
  // further on (read again from the token it stopped in, or normalized whole), letters outside [a-z0-9]
  // in a normalized term (no short code), Greek final sigma (depends on what precedes it).
  const TERM_PIECES = [...PIECES, 'αβγ', 'Σ', 'A.', '中文字', 'ÅNGSTRÖM', 'x\u0301', 'ﬁne', 'abcdefghijklmnopqrstuvwxyz0123456789', 'Z9', '$x$y', 'Σ9'];
  const randomTermText = (rand: () => number): string =>
    Array.from({ length: Math.floor(rand() * 10) }, () => TERM_PIECES[Math.floor(rand() * TERM_PIECES.length)] ?? '').join(rand() < 0.5 ? '' : ' ');

  it('TermTable gives the tokens of tokenize / authorTerms, one id per distinct term', () => {
    const rand = prng(5);
    const table = new TermTable();
    for (let i = 0; i < 5000; i++) {
      const s = randomTermText(rand);
      const n = table.scan(s);
      expect(Array.from(table.buf.subarray(0, n), (id) => table.names[id]), JSON.stringify(s)).toEqual(tokenize(s));
      const k = table.scanKey(authorKey(s));
      expect(Array.from(table.buf.subarray(0, k), (id) => table.names[id])).toEqual(authorTerms(s));
    }
    expect(new Set(table.names).size).toBe(table.names.length);
  });

  it('TermTable reads a text again from where its plain part ends, as tokenize reads it whole', () => {
    const table = new TermTable();
    for (const s of ['Deep nets for $\\alpha$-GANs at scale', 'Dyn\\emph{Amic} graphs', 'The naïve Bayes rule', 'x\u0001yz ab', 'A.Σ9 and ΣΣ9', 'Über Größe']) {
      const n = table.scan(s);
      expect(Array.from(table.buf.subarray(0, n), (id) => table.names[id]), s).toEqual(tokenize(s));
    }
  });

  it('TermTable keeps every term at its id as the table grows', () => {
    const rand = prng(11);
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const word = () => {
      const len = 1 + Math.floor(rand() * 24);
      let w = Array.from({ length: len }, () => chars[Math.floor(rand() * chars.length)] ?? '').join('');
      if (rand() < 0.05) w += rand() < 0.5 ? 'é' : '\\"o';
      return w;
    };
    const texts = Array.from({ length: 60000 }, () => `${word()} ${word()}`);
    const table = new TermTable();
    const first = texts.map((t) => {
      const n = table.scan(t);
      return Array.from(table.buf.subarray(0, n));
    });
    // Enough terms that the table grew several times since most of them were added.
    expect(table.size).toBeGreaterThan(100000);
    texts.forEach((t, i) => {
      const n = table.scan(t);
      expect(Array.from(table.buf.subarray(0, n))).toEqual(first[i]);
      expect(first[i]?.map((id) => table.names[id])).toEqual(tokenize(t));
    });
    expect(new Set(table.names).size).toBe(table.names.length);
  });

  const mk = (id: string, authors: string[]): Paper => ({
    id, title: `Paper ${id} on graphs`, authors, authorsTruncated: false, affiliations: [], categories: ['cs.LG'],
    date: '2021-01-01', abstract: 'Graph networks.', hasCode: false, sources: ['test'],
  });
  const papers = [
    mk('a', ['Samuel L. Smith', 'Soham De']),
    mk('b', ['S. L. Smith', 'Jan van der Berg']),
    mk('c', ['J. van der Berg', 'Smith, Samuel L.', 'A. Brock']),
    mk('d', ['Andrew Brock', 'Andrea Brock']),
  ];
  const authors: Author[] = [{ id: 'soham de', name: 'Soham De', metrics: { hIndex: 1, papers: 2, citations: 3 } }];
  const built = PaperIndex.build({ papers, authors });

  it('persists the author graph: coauthors and author lookups after fromJSON need no rebuild', () => {
    const loaded = PaperIndex.fromJSON(structuredClone(built.toJSON()), { papers, authors });
    const names = ['S. L. Smith', 'Samuel Smith', 'J. van der Berg', 'A. Brock', 'Soham De', 'Nobody'];
    expect(loaded.coauthorsOf(names)).toEqual(built.coauthorsOf(names));
    expect(built.coauthorsOf(['S. Smith'])[0]?.coauthors.map((c) => c.id)).toEqual(['jan van der berg', 'a brock', 'soham de']);
    expect(loaded.author('Soham De')?.metrics?.hIndex).toBe(1);
    for (const p of papers) {
      const q = { title: p.title, abstract: p.abstract, authors: p.authors, categories: p.categories, excludeId: p.id };
      expect(loaded.related(q)).toEqual(built.related(q));
    }
    expect(loaded.search('graphs', 10, { author: 'S. L. Smith' }).map((h) => h.paper.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a snapshot built with other author records', () => {
    expect(() => PaperIndex.fromJSON(structuredClone(built.toJSON()), { papers, authors: [] })).toThrow(IndexLoadError);
  });
});

describe('AuthorGraphBuilder.presort', () => {
  it('gives the graph a builder that never presorted gives, whenever it is called', () => {
    const rand = prng(7);
    const NAMES = ['Samuel L. Smith', 'S. L. Smith', 'S. Smith', 'Soham De', 'Jan van der Berg', 'J. van der Berg', 'A. Brock', 'Andrew Brock', 'Andrea Brock', 'Łukasz Kaiser', 'L. Kaiser', 'de Vries, Hans', 'H. de Vries'];
    const lists = Array.from({ length: 400 }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => `${NAMES[Math.floor(rand() * NAMES.length)] ?? ''}${rand() < 0.3 ? ` ${Math.floor(rand() * 50)}` : ''}`));
    const records: Author[] = [{ id: 'andrew brock', name: 'Andrew Brock' }, { id: 'nobody else', name: 'Nobody Else' }];
    const build = (presortEvery: number) => {
      const g = new AuthorGraphBuilder();
      lists.forEach((names, ord) => {
        g.startPaper(ord);
        for (const n of names) g.add(ord, n);
        g.endPaper(ord);
        if (presortEvery > 0 && ord % presortEvery === 0) g.presort();
      });
      return g.finish(records, lists.length);
    };
    const plain = build(0);
    expect(plain.keys.length).toBeGreaterThan(20);
    for (const every of [1, 7, 60]) expect(build(every)).toEqual(plain);
  });
});
