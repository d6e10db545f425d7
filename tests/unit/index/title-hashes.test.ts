import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasTitleKey } from '../../../src/index/exact-title';
import { normalizeTitle } from '../../../src/index/normalize';
import { buildTitleHashes, ordsWithKeyHash, titleHashesFit } from '../../../src/index/title-hashes';

const realTitles: string[] = readFileSync(resolve(__dirname, '../../fixtures/metadata/first-100.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => String((JSON.parse(l) as { title: unknown }).title));

// Real titles, some twice under another spelling (case, TeX, punctuation): one key, several papers.
const titles = [...realTitles, realTitles[3]?.toUpperCase() ?? '', `${realTitles[7] ?? ''}.`, 'Über Gödel', 'UBER godel', '', realTitles[3] ?? ''];

describe('title hashes', () => {
  const t = buildTitleHashes(titles.length, (ord) => titles[ord] ?? '');

  it('finds exactly the papers whose normalized title is the key, ascending, as a scan would', () => {
    for (const title of [...titles, 'A title no paper has', 'uber godel x']) {
      const key = normalizeTitle(title);
      const found = ordsWithKeyHash(t, key).filter((ord) => hasTitleKey(titles[ord] ?? '', key));
      const scan = titles.flatMap((other, ord) => (normalizeTitle(other) === key ? [ord] : []));
      expect(found, JSON.stringify(title)).toEqual(scan);
    }
    expect(ordsWithKeyHash(t, normalizeTitle('Über Gödel'))).toEqual([titles.length - 4, titles.length - 3]);
  });

  it('a stored copy fits by its lengths; a damaged entry hides a match at worst, never points past the papers', () => {
    expect(titleHashesFit(t, titles.length)).toBe(true);
    expect(titleHashesFit(t, titles.length + 1)).toBe(false);
    expect(titleHashesFit({ hashes: t.hashes, ords: t.ords.subarray(1) }, titles.length)).toBe(false);
    const key = normalizeTitle(titles[5] ?? '');
    const at = t.ords.indexOf(5);
    const past = { hashes: t.hashes, ords: t.ords.slice() };
    past.ords[at] = titles.length + 7;
    expect(ordsWithKeyHash(past, key)).toEqual([]);
  });
});
