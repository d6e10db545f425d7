/**
 * Build-time tokenizer that interns terms without allocating a string per
 * token: a token is hashed while it is scanned and looked up in an
 * open-addressing table whose keys live in one Uint16Array character pool.
 * Only a term seen for the first time becomes a JS string. Produces the same
 * tokens as tokenize() (plain ASCII in one pass; anything else through
 * normalizeTitle, NFKD and all).
 */
import { normalizeTitle } from './normalize';
import { STOPWORDS } from './tokenize';

const EMPTY = 0;

export class TermTable {
  /** Term strings by id (first-seen order). */
  readonly names: string[] = [];
  /** Per id: 1 when the term is a stopword. */
  stop = new Uint8Array(1024);
  private slots = new Int32Array(1 << 16); // id + 1, 0 = empty
  private pool = new Uint16Array(1 << 20);
  private poolLen = 0;
  private start = new Uint32Array(1024);
  private len = new Uint16Array(1024);

  get size(): number {
    return this.names.length;
  }

  /** Id of s[from, to) (lower-cased when ascii); `hash` is FNV-1a of the lower-cased code units. */
  intern(s: string, from: number, to: number, hash: number, ascii: boolean): number {
    const n = to - from;
    const mask = this.slots.length - 1;
    let i = hash & mask;
    for (;;) {
      const v = this.slots[i] ?? EMPTY;
      if (v === EMPTY) break;
      const id = v - 1;
      if (this.len[id] === n && this.same(id, s, from, n)) return id;
      i = (i + 1) & mask;
    }
    const id = this.names.length;
    const term = ascii ? s.slice(from, to).toLowerCase() : s.slice(from, to);
    this.names.push(term);
    if (id === this.start.length) this.growIds();
    if (this.poolLen + n > this.pool.length) {
      const next = new Uint16Array(Math.max(this.pool.length * 2, this.poolLen + n));
      next.set(this.pool);
      this.pool = next;
    }
    for (let k = 0; k < n; k++) this.pool[this.poolLen + k] = term.charCodeAt(k);
    this.start[id] = this.poolLen;
    this.len[id] = n;
    this.poolLen += n;
    this.stop[id] = STOPWORDS.has(term) ? 1 : 0;
    this.slots[i] = id + 1;
    if (this.names.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private same(id: number, s: string, from: number, n: number): boolean {
    const at = this.start[id] ?? 0;
    for (let k = 0; k < n; k++) {
      let c = s.charCodeAt(from + k);
      if (c >= 65 && c <= 90) c += 32;
      if (this.pool[at + k] !== c) return false;
    }
    return true;
  }

  private growIds(): void {
    const m = this.start.length * 2;
    const grow = <T extends Uint32Array | Uint16Array | Uint8Array>(a: T, make: (k: number) => T): T => {
      const b = make(m);
      b.set(a);
      return b;
    };
    this.start = grow(this.start, (k) => new Uint32Array(k));
    this.len = grow(this.len, (k) => new Uint16Array(k));
    this.stop = grow(this.stop, (k) => new Uint8Array(k));
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.names.length; id++) {
      const at = this.start[id] ?? 0;
      let h = 0x811c9dc5;
      for (let k = 0; k < (this.len[id] ?? 0); k++) h = Math.imul(h ^ (this.pool[at + k] ?? 0), 0x01000193);
      let i = h & mask;
      while (slots[i] !== EMPTY) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
  }

  /** Token ids of the last scan (see scan): buf[0 .. count). */
  buf = new Uint32Array(4096);

  /**
   * Fills buf with the ids of every token tokenize(text) would give
   * (stopwords included), in order; returns their count.
   */
  scan(text: string): number {
    const n = this.scanRuns(text, true);
    return n >= 0 ? n : this.scanRuns(normalizeTitle(text), false);
  }

  /** Tokens of an already normalized key (authorKey / normalizeTitle output): runs of non-spaces. */
  scanKey(key: string): number {
    return this.scanRuns(key, false);
  }

  /**
   * ascii: tokens are runs of [A-Za-z0-9] (lower-cased), and -1 is returned
   * as soon as a character that is not plain ASCII shows up (see
   * isPlainAscii); else `s` is already normalized and tokens are runs of
   * anything but a space. A token is kept when it has 2+ characters or is a
   * single digit.
   */
  private scanRuns(s: string, ascii: boolean): number {
    let from = -1;
    let h = 0;
    let count = 0;
    const n = s.length;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? s.charCodeAt(i) : 32;
      let word: boolean;
      if (ascii) {
        if (c >= 97 && c <= 122) word = true;
        else if (c >= 65 && c <= 90) {
          c += 32;
          word = true;
        } else if (c >= 48 && c <= 57) word = true;
        else if (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 92 || c === 36 || c === 123 || c === 125) return -1;
        else word = false;
      } else word = c !== 32;
      if (word) {
        if (from < 0) {
          from = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
      } else if (from >= 0) {
        const len = i - from;
        if (len > 1 || (len === 1 && s.charCodeAt(from) >= 48 && s.charCodeAt(from) <= 57)) {
          if (count === this.buf.length) {
            const next = new Uint32Array(count * 2);
            next.set(this.buf);
            this.buf = next;
          }
          this.buf[count++] = this.intern(s, from, i, h, ascii);
        }
        from = -1;
      }
    }
    return count;
  }
}
