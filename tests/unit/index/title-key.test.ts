import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTitleKey } from '../../../src/index/match';
import { normalizeTitle } from '../../../src/index/normalize';
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
