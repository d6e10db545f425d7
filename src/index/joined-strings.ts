/**
 * A list of strings kept as the one '\n'-joined string the index snapshot
 * stores, each item cut out when asked for. A woken worker used to split the
 * 75k sample's vocabulary (213k terms, 1.8 MB) into an array before its first
 * answer: 15-50 ms of a ~300 ms cold start, most of it the garbage collector
 * meeting 213k new strings. Finding where the items start is one scan, and
 * an answer only ever reads a few dozen of them.
 */

/** What the index reads of a word list: an array (a fresh build) or JoinedStrings (a woken snapshot). */
export interface StringList extends Iterable<string> {
  readonly length: number;
  at(i: number): string | undefined;
}

export class JoinedStrings implements StringList {
  readonly length: number;
  /** starts[i]: where item i begins; starts[length] is one past the end (+1, as if a separator followed). */
  private readonly starts: Uint32Array;

  /**
   * `text` is items joined by '\n' (none may contain one); '' is the empty
   * list. With `expected` (the item count, when the caller knows it) the
   * text is scanned once rather than twice; a text holding another number of
   * items throws.
   */
  constructor(
    readonly text: string,
    expected?: number,
  ) {
    let n = expected ?? 0;
    if (expected === undefined) {
      n = text === '' ? 0 : 1;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
    }
    const starts = new Uint32Array(n + 1);
    let k = text === '' ? 0 : 1;
    let at = text.indexOf('\n');
    for (; at >= 0 && k < n; at = text.indexOf('\n', at + 1)) starts[k++] = at + 1;
    if (k !== n || at >= 0) throw new Error(`the joined text does not hold ${n} items`);
    starts[n] = text.length + 1;
    this.length = n;
    this.starts = starts;
  }

  at(i: number): string | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.text.slice(this.starts[i], (this.starts[i + 1] ?? 0) - 1);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as string;
  }
}

/** The list joined by '\n' (what the snapshot stores). */
export function joinedText(list: StringList): string {
  return list instanceof JoinedStrings ? list.text : [...list].join('\n');
}
