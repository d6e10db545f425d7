import { describe, expect, it } from 'vitest';
import { categoryFromProfileCode, isKnownProfileCode } from '../../../src/dataset/categories';

describe('categoryFromProfileCode', () => {
  it('maps cs subject classes', () => {
    expect(['LG', 'CV', 'CL', 'AI', 'NE', 'IR', 'RO', 'CR', 'DS'].map(categoryFromProfileCode)).toEqual([
      'cs.LG', 'cs.CV', 'cs.CL', 'cs.AI', 'cs.NE', 'cs.IR', 'cs.RO', 'cs.CR', 'cs.DS',
    ]);
  });
  it('maps ML to stat.ML and aliases to their canonical arXiv name', () => {
    expect(categoryFromProfileCode('ML')).toBe('stat.ML');
    expect(categoryFromProfileCode('NA')).toBe('math.NA');
    expect(categoryFromProfileCode('SY')).toBe('eess.SY');
  });
  it('is case-insensitive and trims', () => {
    expect(categoryFromProfileCode(' lg ')).toBe('cs.LG');
  });
  it('keeps full categories and unknown or ambiguous codes as given', () => {
    expect(categoryFromProfileCode('cs.LG')).toBe('cs.LG');
    expect(categoryFromProfileCode('quant-ph')).toBe('quant-ph');
    expect(categoryFromProfileCode('XY')).toBe('XY');
    expect(categoryFromProfileCode('CO')).toBe('CO');
  });
  it('knows which codes it maps', () => {
    expect(isKnownProfileCode('LG')).toBe(true);
    expect(isKnownProfileCode('ML')).toBe(true);
    expect(isKnownProfileCode('XY')).toBe(false);
  });
});
