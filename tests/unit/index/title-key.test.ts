import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTitleKey } from '../../../src/index/exact-title';
import { hashTitleKey, titleHash } from '../../../src/index/title-hashes';
import { isPlainAscii, normalizeTitle, stripAccents, stripTex } from '../../../src/index/normalize';
import { prng } from '../../support/prng';

const fixtureTitles: string[] = readFileSync(resolve(__dirname, '../../fixtures/metadata/first-100.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => String((JSON.parse(l) as { title: unknown }).title));

/** Random titles from pieces that stress the ASCII path: case, runs of punctuation and spaces, edges. */
function randomTitle(rand: () => number): string {
  const pieces = ['Deep', 'nets', 'GAN', 'x2', '3D', '-', ' ', '  ', ':', '\n', '\t', '(', ')', "'", '.', 'ab', 'a', 'Z', '9', '\\', '$', '{', '}', 'é', 'ß', '~'];
  let s = '';
  const n = Math.floor(rand() * 12);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rand() * pieces.length)] ?? '';
  return s;
}

/** Keys one edit away, and the key with a space added or dropped at its ends. */
function nearKeys(key: string): string[] {
  const out = [`${key} `, ` ${key}`, key.slice(1), key.slice(0, -1), `${key}s`, key.replace(' ', ''), key.replace(' ', '  ')];
  for (let i = 0; i < key.length; i += 3) out.push(key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1));
  return out;
}

describe('hasTitleKey', () => {
  it('agrees with normalizeTitle(title) === key on real, random and near-miss keys', () => {
    const rand = prng(11);
    const titles = [...fixtureTitles, ...Array.from({ length: 3000 }, () => randomTitle(rand)), 'Über Gödel', 'A $\\alpha$-GAN', ''];
    for (const title of titles) {
      const key = normalizeTitle(title);
      const other = normalizeTitle(titles[Math.floor(rand() * titles.length)] ?? '');
      for (const k of [key, other, ...nearKeys(key)]) expect(hasTitleKey(title, k), `${JSON.stringify(title)} vs ${JSON.stringify(k)}`).toBe(normalizeTitle(title) === k);
    }
  });

  it('finds the same title whatever its case and punctuation, and no other', () => {
    const key = normalizeTitle('Griffin: Mixing Gated Linear Recurrences');
    expect(hasTitleKey('GRIFFIN -- mixing gated  linear recurrences.', key)).toBe(true);
    expect(hasTitleKey('Griffin: Mixing Gated Linear Recurrence', key)).toBe(false);
    expect(hasTitleKey('Griffin: Mixing Gated Linear Recurrences II', key)).toBe(false);
  });
});

describe('normalizeTitle on plain ASCII', () => {
  it('gives what the general (TeX, accents, Unicode classes) path gives', () => {
    const rand = prng(5);
    const general = (t: string) => stripAccents(stripTex(t)).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
    const titles = [...fixtureTitles, ...Array.from({ length: 3000 }, () => randomTitle(rand)), '  A-B  ', '\tX\n', '--', ''];
    for (const t of titles) expect(normalizeTitle(t), JSON.stringify(t)).toBe(general(t));
  });
});

describe('titleHash', () => {
  it('is the hash of normalizeTitle(title), plain ASCII or not', () => {
    const rand = prng(3);
    const titles = [...fixtureTitles, ...Array.from({ length: 3000 }, () => randomTitle(rand)), 'The 3 a b c of 3D 3D', 'Über Gödel: über ωmega', 'A $\\alpha$-GAN', '  --  ', ''];
    for (const t of titles) expect(titleHash(t), JSON.stringify(t)).toBe(hashTitleKey(normalizeTitle(t)));
  });

  it('tells apart keys one edit away (so a lookup confirms few titles)', () => {
    for (const title of fixtureTitles) {
      const key = normalizeTitle(title);
      for (const near of nearKeys(key)) if (near !== key) expect(hashTitleKey(near), JSON.stringify(near)).not.toBe(hashTitleKey(key));
    }
  });
});

describe('isPlainAscii', () => {
  // The definition: printable ASCII, tab, LF, CR; not \ $ { }.
  const plainChar = (c: number) => (c >= 0x20 && c <= 0x7e && c !== 92 && c !== 36 && c !== 123 && c !== 125) || c === 9 || c === 10 || c === 13;

  it('accepts exactly the plain characters, alone and inside a string', () => {
    for (let c = 0; c <= 0xffff; c++) {
      const ch = String.fromCharCode(c);
      expect(isPlainAscii(ch), `U+${c.toString(16)}`).toBe(plainChar(c));
      expect(isPlainAscii(`ab ${ch} cd`), `U+${c.toString(16)} inside`).toBe(plainChar(c));
    }
    expect(isPlainAscii('')).toBe(true);
    expect(isPlainAscii('G\u00fcl\u00e7ehre \ud83d\ude00')).toBe(false);
  });
});
