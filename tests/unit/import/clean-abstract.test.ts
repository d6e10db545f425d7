import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanAbstract, SPACES_RE } from '@/src/import/arxiv-fields';
import { prng } from '../../support/prng';

/** The rule as regular expressions: the definition the one-pass version must keep. */
function reference(s: string): string {
  return s
    .trim()
    .split(/\n\s*\n|\n(?=[ \t])/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

describe('cleanAbstract', () => {
  it('joins hard-wrapped lines and keeps paragraphs (blank line, indented line) apart', () => {
    expect(cleanAbstract('  We study\nthe  batch\tsize.\n\n  A second\n paragraph\r\nends.  \n')).toBe('We study the batch size.\n\nA second\n\nparagraph ends.');
    expect(cleanAbstract('')).toBe('');
    expect(cleanAbstract(' \n\u00a0 ')).toBe('');
  });

  it('agrees with the regex rule on the real abstracts of the fixtures', () => {
    const abstracts = readFileSync('tests/fixtures/metadata/first-100.jsonl', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { abstract: string }).abstract);
    expect(abstracts.length).toBe(100);
    for (const a of abstracts) expect(cleanAbstract(a)).toBe(reference(a));
  });

  it('agrees with the regex rule on 5,000 random strings of text and every kind of white space', () => {
    const rand = prng(7);
    const alphabet = ['a', 'b', 'é', ' ', ' ', '\n', '\n', '\t', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff', '\v', '\f', '$'];
    for (let k = 0; k < 5000; k++) {
      let s = '';
      const len = Math.floor(rand() * 24);
      for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      expect(cleanAbstract(s), JSON.stringify(s)).toBe(reference(s));
      // Titles and names collapse white space with SPACES_RE too.
      expect(s.replace(SPACES_RE, ' '), JSON.stringify(s)).toBe(s.replace(/\s+/g, ' '));
    }
  });
});
