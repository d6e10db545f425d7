/**
 * Columns (columns.ts) built by appending, for builds that see papers a
 * chunk at a time: every PART items are joined into their packed string at
 * once, so a 1M-paper build holds packed text, not a million small strings.
 * An item may be set again later (a merge changed the paper); such patches
 * are kept aside and folded in by finish().
 */
import { PART, cell, list, packLists, packStrings, type ListColumn, type StringColumn } from './columns';
import { growU32 } from './grow';

export class StringColumnBuilder {
  private readonly parts: string[] = [];
  private readonly e = growU32();
  private pending: string[] = [];
  private partLength = 0;
  private readonly patches = new Map<number, string>();

  get length(): number {
    return this.e.length;
  }

  push(value: string): void {
    this.pending.push(value);
    this.partLength += value.length;
    this.e.push(this.partLength);
    if (this.pending.length === PART) {
      this.parts.push(this.pending.join(''));
      this.pending = [];
      this.partLength = 0;
    }
  }

  set(i: number, value: string): void {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no item ${i}`);
    this.patches.set(i, value);
  }

  get(i: number): string {
    const patched = this.patches.get(i);
    if (patched !== undefined) return patched;
    const base = this.parts.length * PART;
    if (i >= base) return this.pending[i - base] ?? '';
    return cell({ parts: this.parts, e: this.e.data }, i);
  }

  finish(): StringColumn {
    const n = this.length;
    const column: StringColumn = { parts: [...this.parts], e: this.e.data.slice(0, n) };
    if (this.pending.length) column.parts.push(this.pending.join(''));
    if (this.patches.size === 0) return column;
    // Repack only the parts that hold a patched item.
    for (const k of new Set([...this.patches.keys()].map((i) => Math.floor(i / PART)))) {
      const from = k * PART;
      const values: string[] = [];
      for (let i = from; i < Math.min(n, from + PART); i++) values.push(this.patches.get(i) ?? cell(column, i));
      const repacked = packStrings(values);
      column.parts[k] = repacked.parts[0] ?? '';
      column.e.set(repacked.e, from);
    }
    return column;
  }
}

/** Lists of strings per item (authors, categories, ...), appended. */
export class ListColumnBuilder {
  private readonly items = new StringColumnBuilder();
  private readonly at = growU32();
  private readonly patches = new Map<number, readonly string[]>();

  constructor() {
    this.at.push(0);
  }

  get length(): number {
    return this.at.length - 1;
  }

  push(values: readonly string[]): void {
    for (const v of values) this.items.push(v);
    this.at.push(this.items.length);
  }

  set(i: number, values: readonly string[]): void {
    if (!(i >= 0 && i < this.length)) throw new RangeError(`no item ${i}`);
    this.patches.set(i, values);
  }

  get(i: number): readonly string[] {
    const patched = this.patches.get(i);
    if (patched) return patched;
    const out: string[] = [];
    for (let k = this.at.data[i] ?? 0; k < (this.at.data[i + 1] ?? 0); k++) out.push(this.items.get(k));
    return out;
  }

  finish(): ListColumn {
    const column: ListColumn = { items: this.items.finish(), at: this.at.data.slice(0, this.at.length) };
    if (this.patches.size === 0) return column;
    // A patched list may change length, which moves every later item: repack
    // the whole column (only builds that merged papers get here).
    const lists: (readonly string[])[] = [];
    for (let i = 0; i < this.length; i++) lists.push(this.patches.get(i) ?? list(column, i));
    return packLists(lists);
  }
}
