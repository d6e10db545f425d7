import { normalizeTitle } from '../index/normalize';

/**
 * Does an author's display name answer an `au:` query? Every query word must
 * start a different word of the name, in any order, so "smith", "s smith",
 * "samuel smith" and "smith samuel" all find "Samuel L. Smith" — the way
 * researchers type names, initials included. Accents, case and punctuation
 * do not count.
 */
export function nameMatches(name: string, query: string): boolean {
  const want = words(query);
  if (want.length === 0) return false;
  const have = words(name);
  const used = new Set<number>();
  for (const w of want) {
    const at = have.findIndex((h, i) => !used.has(i) && h.startsWith(w));
    if (at < 0) return false;
    used.add(at);
  }
  return true;
}

function words(s: string): string[] {
  return normalizeTitle(s).split(' ').filter((w) => w !== '');
}

/**
 * Does `text` contain `phrase` as a run of whole words (the phrase's last word
 * may be a prefix, since it may still be being typed)?
 */
export function containsPhrase(text: string, phrase: string): boolean {
  const p = normalizeTitle(phrase);
  return p !== '' && ` ${normalizeTitle(text)}`.includes(` ${p}`);
}
