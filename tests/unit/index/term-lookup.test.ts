import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/dataset/schema';
import { arxivRecordToPaper } from '../../../src/import/arxiv-jsonl';
import { PaperIndex } from '../../../src/index/paper-index';
import { adoptLookupSlots, lookupSlots, lookupTerm } from '../../../src/index/term-lookup';
import { prng } from '../../support/prng';

const papers: Paper[] = readFileSync(resolve(__dirname, '../../fixtures/metadata/first-100.jsonl'), 'utf8').trim().split('\n').flatMap((l, i) => {
  const r = arxivRecordToPaper(JSON.parse(l), i + 1);
  return 'problem' in r ? [] : [r.paper];
});
// Accented and non-Latin terms too (hashed by UTF-16 code unit).
papers.push({ ...(papers[0] as Paper), id: 'x:unicode', title: 'Über Gödel über ωmega 9z z9 a_b', arxivId: undefined });
const terms = (PaperIndex.build({ papers, authors: [] }) as unknown as { terms: Parameters<typeof lookupTerm>[0] }).terms;

describe('lookupTerm', () => {
  it('agrees with TermIndex.termId on every vocabulary term and on near misses', () => {
    const rand = prng(7);
    const probes = [...terms.vocab];
    for (const t of [...terms.vocab].slice(0, 400)) {
      const at = Math.floor(rand() * (t.length + 1));
      probes.push(t.slice(0, at), `${t}s`, t.slice(0, at) + 'q' + t.slice(at), t.slice(1));
    }
    probes.push('', 'a', 'zz', '0', 'ωmega', 'über', '\uffff');
    for (const p of probes) expect(lookupTerm(terms, p)).toBe(terms.termId(p));
  });
});

describe('a stored lookup table (adoptLookupSlots)', () => {
  const fresh = () => (PaperIndex.build({ papers, authors: [] }) as unknown as { terms: Parameters<typeof lookupTerm>[0] }).terms;

  it('made for the same vocabulary, finds what a table built here finds', () => {
    const stored = structuredClone(lookupSlots(terms));
    const woken = fresh();
    expect(adoptLookupSlots(woken, stored)).toBe(true);
    for (const t of [...terms.vocab, 'zz', 'ωmega']) expect(lookupTerm(woken, t)).toBe(terms.termId(t));
  });

  it('of the wrong size, or pointing past the vocabulary, is refused', () => {
    const slots = lookupSlots(terms);
    expect(adoptLookupSlots(fresh(), slots.slice(1))).toBe(false);
    const past = slots.slice();
    past[past.findIndex((v) => v === 0)] = terms.vocab.length + 1;
    expect(adoptLookupSlots(fresh(), past)).toBe(false);
  });
});
