import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { cell, columnChecksum, columnFits, packStrings, PART, storedColumn } from '../../../src/index/columns';

describe('a column as the snapshot stores it (storedColumn)', () => {
  // Items cut from one line that holds a character above Latin-1, as an
  // author list is: V8 keeps every piece two bytes per character.
  const line = Array.from({ length: PART + 500 }, (_, i) => (i % 997 === 0 ? `Łukasz Dębowski ${i}` : i % 1499 === 0 ? `量子 🧪 a\u0001b ${i}` : `Author Number ${i}`)).join('|');
  const values = line.split('|');
  const column = packStrings(values);
  const stored = storedColumn(structuredClone(column));

  it('reads back every item exactly, and fits and checks as a column', () => {
    expect(values.every((v, i) => cell(stored, i) === v)).toBe(true);
    expect(columnFits(stored, values.length)).toBe(true);
    expect(columnChecksum(stored)).not.toBe(columnChecksum(column));
  });

  it('is stored one byte per character (structured clone size), where the packed column took two', () => {
    const bytes = (parts: string[]) => parts.reduce((n, p) => n + serialize(p).length, 0);
    const chars = stored.parts.reduce((n, p) => n + p.length, 0);
    expect(bytes(column.parts)).toBeGreaterThan(1.9 * column.parts.reduce((n, p) => n + p.length, 0));
    expect(bytes(stored.parts)).toBeLessThan(chars + 64);
  });
});
