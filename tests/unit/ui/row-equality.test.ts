import { describe, expect, it } from 'vitest';
import { testPaper } from '../../support/paper';
import { sameEntry } from '@/src/ui/popup/row-equality';

const paper = testPaper;

describe('sameEntry (which popup rows a keystroke must re-render)', () => {
  it('an equal row from a new answer (new objects) is the same row', () => {
    expect(sameEntry({ paper: paper(), matchedTerms: ['diffusion'] }, { paper: paper(), matchedTerms: ['diffusion'] })).toBe(true);
  });
  it('a different paper, other marked words or other reasons re-render the row', () => {
    const a = { paper: paper(), matchedTerms: ['diffusion'] };
    expect(sameEntry(a, { paper: paper({ id: 'p2' }), matchedTerms: ['diffusion'] })).toBe(false);
    expect(sameEntry(a, { paper: paper(), matchedTerms: ['diffusion', 'models'] })).toBe(false);
    expect(sameEntry(a, { paper: paper(), matchedTerms: ['diffus'] })).toBe(false);
    expect(sameEntry({ ...a, reasons: ['cites it'] }, { ...a, reasons: ['same authors'] })).toBe(false);
    expect(sameEntry(a, { paper: paper({ authors: ['A. Author'] }), matchedTerms: ['diffusion'] })).toBe(false);
  });
});
