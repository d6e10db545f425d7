import { describe, expect, it } from 'vitest';
import { JoinedStrings, joinedText } from '../../../src/index/joined-strings';

describe('JoinedStrings: a word list read from its joined text', () => {
  it('gives the same items, length and order as the array it was joined from', () => {
    for (const items of [['batch'], ['a', 'b', 'c'], ['', 'x', ''], ['çağlar', 'ωmega', 'naïve', '10']]) {
      const list = new JoinedStrings(items.join('\n'));
      expect(list.length).toBe(items.length);
      expect([...list]).toEqual(items);
      items.forEach((item, i) => expect(list.at(i)).toBe(item));
      expect(joinedText(list)).toBe(items.join('\n'));
    }
  });

  it('is empty for the empty text, and undefined outside its range (as an array is)', () => {
    const empty = new JoinedStrings('');
    expect(empty.length).toBe(0);
    expect([...empty]).toEqual([]);
    const list = new JoinedStrings('graph\nnet');
    expect([list.at(-1), list.at(2), list.at(99)]).toEqual([undefined, undefined, undefined]);
  });

  it('joins an array for the snapshot', () => {
    expect(joinedText(['x', 'y'])).toBe('x\ny');
  });
});

describe('JoinedStrings with the item count known', () => {
  it('reads the same list, and refuses a text holding more or fewer items', () => {
    const items = ['a', 'bb', '', 'ccc'];
    expect([...new JoinedStrings(items.join('\n'), 4)]).toEqual(items);
    expect([...new JoinedStrings('', 0)]).toEqual([]);
    expect(() => new JoinedStrings(items.join('\n'), 3)).toThrow(/does not hold 3 items/);
    expect(() => new JoinedStrings(items.join('\n'), 5)).toThrow(/does not hold 5 items/);
    expect(() => new JoinedStrings('', 1)).toThrow();
  });
});
