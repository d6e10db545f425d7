/**
 * Each paper's date as a number (YYYYMMDD, `dateNumber` in topk.ts) and the
 * newest date: search breaks ties and filters years by them, related scores
 * recency against the newest. Taken from the snapshot's stored column, or
 * made once from the dates on first use. Apart from PaperIndex, which holds
 * one and hands out `dateNumberOf` to those readers.
 */
import type { PaperTable } from './paper-columns';
import { dateNumber } from './topk';

export class PaperDates {
  private numbers?: Int32Array;
  private newestCache?: string;

  constructor(private readonly table: PaperTable) {}

  /** The date number of the paper at `ord`; an arrow property, as it is handed out as a callback. */
  readonly dateNumberOf = (ord: number): number => {
    if (!this.numbers) {
      const stored = this.table.dateNumbers;
      const dates = stored ?? new Int32Array(this.table.length);
      if (!stored) for (let i = 0; i < dates.length; i++) dates[i] = dateNumber(this.table.date(i));
      this.numbers = dates;
    }
    return this.numbers[ord] ?? 0;
  };

  /** The newest paper's date ('' with no papers). */
  get newest(): string {
    if (this.newestCache === undefined) {
      this.dateNumberOf(0); // fills this.numbers
      let best = -1;
      const dates = this.numbers ?? new Int32Array(0);
      for (let i = 0; i < dates.length; i++) if (best < 0 || (dates[i] ?? 0) > (dates[best] ?? 0)) best = i;
      this.newestCache = best < 0 ? '' : this.table.date(best);
    }
    return this.newestCache;
  }
}
