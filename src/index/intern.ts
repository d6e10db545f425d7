/**
 * Build-time tokenizer that interns terms without allocating a string per
 * token: a token is hashed while it is scanned and looked up in an
 * open-addressing table whose keys live in one Uint16Array character pool.
 * Only a term seen for the first time becomes a JS string; a plain word of up
 * to 20 characters is compared by two numbers (its short code), not char by
 * char, and plain ASCII is scanned and interned in one pass. Produces the same
 * tokens as tokenize(): plain ASCII in one pass; ASCII with TeX after
 * stripTex, the one part of normalizeTitle that changes an ASCII text's
 * tokens; anything else through normalizeTitle, NFKD and all.
 */
import { normalizeTitle, stripTex } from './normalize';
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
  /** Per id: the term's short code (shortCode of its first and next SHORT_PART characters) when it has one, else -1. */
  private codes = new Float64Array(1024);
  private codes2 = new Float64Array(1024);

  get size(): number {
    return this.names.length;
  }

  /** Id of s[from, to) (lower-cased when ascii); `hash` is FNV-1a of the lower-cased code units. */
  intern(s: string, from: number, to: number, hash: number, ascii: boolean): number {
    const n = to - from;
    const { slots, len, start, pool } = this;
    const mask = slots.length - 1;
    let i = hash & mask;
    for (let v = slots[i] ?? EMPTY; v !== EMPTY; v = slots[i] ?? EMPTY) {
      const id = v - 1;
      if (len[id] === n) {
        const at = start[id] ?? 0;
        let k = 0;
        for (; k < n; k++) {
          let c = s.charCodeAt(from + k);
          if (c >= 65 && c <= 90) c += 32;
          if (pool[at + k] !== c) break;
        }
        if (k === n) return id;
      }
      i = (i + 1) & mask;
    }
    return this.add(s, from, to, i, ascii);
  }

  /**
   * intern() for a term with a short code: two numbers compared per probe
   * instead of its characters (the code is the term, see shortCode).
   */
  private internShort(s: string, from: number, to: number, hash: number, code: number, code2: number): number {
    const { slots, codes, codes2 } = this;
    const mask = slots.length - 1;
    let i = hash & mask;
    for (let v = slots[i] ?? EMPTY; v !== EMPTY; v = slots[i] ?? EMPTY) {
      if (codes[v - 1] === code && codes2[v - 1] === code2) return v - 1;
      i = (i + 1) & mask;
    }
    return this.add(s, from, to, i, true);
  }

  /** A term met for the first time; `i` is the empty slot its lookup ended on. */
  private add(s: string, from: number, to: number, i: number, ascii: boolean): number {
    const n = to - from;
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
    this.codes[id] = n <= SHORT_MAX ? shortCode(term, 0, Math.min(n, SHORT_PART)) : -1;
    this.codes2[id] = n <= SHORT_MAX ? shortCode(term, SHORT_PART, n) : -1;
    this.poolLen += n;
    this.stop[id] = STOPWORDS.has(term) ? 1 : 0;
    this.slots[i] = id + 1;
    if (this.names.length * 2 > this.slots.length) this.rehash();
    return id;
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
    for (const f of ['codes', 'codes2'] as const) {
      const next = new Float64Array(m);
      next.set(this[f]);
      this[f] = next;
    }
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
  /** The last scanRuns' tokens, not yet interned: [runFrom, runTo) and the hash of each. */
  private runFrom = new Uint32Array(4096);
  private runTo = new Uint32Array(4096);
  private runHash = new Int32Array(4096);

  /**
   * Fills buf with the ids of every token tokenize(text) would give
   * (stopwords included), in order; returns their count.
   */
  scan(text: string): number {
    let n = this.scanPlain(text);
    if (n >= 0) return n;
    // TeX in an ASCII text (most of the rest): stripTex leaves it ASCII, and
    // normalizeTitle of ASCII only lower-cases and splits on non-[a-z0-9],
    // so the NFKD and Unicode-property passes can be skipped.
    if (!NON_ASCII_RE.test(text)) {
      const stripped = stripTex(text);
      n = this.scanRuns(stripped, ASCII);
      if (n >= 0) return this.internRuns(stripped, n, true);
    }
    const norm = normalizeTitle(text);
    return this.internRuns(norm, this.scanRuns(norm, NORMALIZED), false);
  }

  /**
   * scan() for plain ASCII (see isPlainAscii), the most of the data: finds
   * and interns each token in one pass. Gives up (-1) at the first character
   * that is not plain ASCII; the tokens interned before it are tokens of the
   * text whichever way it is then read (no later pass changes characters
   * before a TeX character or a non-ASCII one), so the table gains none that
   * the text does not have.
   */
  private scanPlain(s: string): number {
    let buf = this.buf;
    let count = 0;
    let from = -1;
    let h = 0;
    let code = 0;
    let code2 = 0;
    const n = s.length;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? s.charCodeAt(i) : 32;
      if (c >= 128) return -1;
      const k = PLAIN_CLASS[c] ?? GIVE_UP;
      if (k === LOWER_OR_DIGIT || k === UPPER) {
        if (k === UPPER) c += 32;
        if (from < 0) {
          from = i;
          h = 0x811c9dc5;
          code = 0;
          code2 = 0;
        }
        h = Math.imul(h ^ c, 0x01000193);
        if (i - from < SHORT_PART) code = code * 37 + (CODE_OF[c] ?? 0);
        else code2 = code2 * 37 + (CODE_OF[c] ?? 0);
        continue;
      }
      if (k === GIVE_UP) return -1;
      if (from < 0) continue;
      const len = i - from;
      if (len > 1 || (len === 1 && s.charCodeAt(from) >= 48 && s.charCodeAt(from) <= 57)) {
        if (count === buf.length) {
          const next = new Uint32Array(count * 2);
          next.set(buf);
          this.buf = buf = next;
        }
        buf[count++] = len <= SHORT_MAX ? this.internShort(s, from, i, h, code, code2) : this.intern(s, from, i, h, true);
      }
      from = -1;
    }
    return count;
  }

  /** Tokens of an already normalized key (authorKey / normalizeTitle output): runs of non-spaces. */
  scanKey(key: string): number {
    return this.internRuns(key, this.scanRuns(key, NORMALIZED), false);
  }

  private internRuns(s: string, count: number, ascii: boolean): number {
    if (count > this.buf.length) this.buf = new Uint32Array(Math.max(count, this.buf.length * 2));
    const { buf, runFrom, runTo, runHash } = this;
    for (let k = 0; k < count; k++) buf[k] = this.intern(s, runFrom[k] ?? 0, runTo[k] ?? 0, runHash[k] ?? 0, ascii);
    return count;
  }

  /**
   * Finds the tokens of `s` (their bounds and hashes, in run*), without
   * interning them yet, so a text given up on costs no lookups. PLAIN and
   * ASCII: tokens are runs of [A-Za-z0-9], hashed lower-cased; PLAIN gives up
   * (-1) as soon as a character that is not plain ASCII shows up (see
   * isPlainAscii), ASCII at any non-ASCII character. NORMALIZED: `s` is
   * already normalized and tokens are runs of anything but a space. A token
   * is kept when it has 2+ characters or is a single digit.
   */
  private scanRuns(s: string, mode: Mode): number {
    const classes = mode === PLAIN ? PLAIN_CLASS : ASCII_CLASS;
    let from = -1;
    let h = 0;
    let count = 0;
    const n = s.length;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? s.charCodeAt(i) : 32;
      let word: boolean;
      if (mode === NORMALIZED) word = c !== 32;
      else {
        const k = c < 128 ? (classes[c] ?? GIVE_UP) : GIVE_UP;
        if (k === GIVE_UP) return -1;
        if (k === UPPER) c += 32;
        word = k !== SEPARATOR;
      }
      if (word) {
        if (from < 0) {
          from = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
      } else if (from >= 0) {
        const len = i - from;
        if (len > 1 || (len === 1 && s.charCodeAt(from) >= 48 && s.charCodeAt(from) <= 57)) {
          if (count === this.runFrom.length) this.growRuns();
          this.runFrom[count] = from;
          this.runTo[count] = i;
          this.runHash[count++] = h;
        }
        from = -1;
      }
    }
    return count;
  }

  private growRuns(): void {
    const m = this.runFrom.length * 2;
    const from = new Uint32Array(m);
    from.set(this.runFrom);
    this.runFrom = from;
    const to = new Uint32Array(m);
    to.set(this.runTo);
    this.runTo = to;
    const hash = new Int32Array(m);
    hash.set(this.runHash);
    this.runHash = hash;
  }
}

/**
 * Terms of up to SHORT_MAX characters of [a-z0-9] (nearly all words) have a
 * short code: each character a digit 1..36 in base 37, the first SHORT_PART
 * characters read as one number and the rest as another (exact: 37^10 <
 * 2^53; no digit is 0, so no two lengths share a code). Two such terms are
 * equal exactly when their codes are, so a lookup compares two numbers, not
 * the characters. Upper-case ASCII letters
 * count as their lower case (the terms are lower-cased); -1 when there is
 * another character.
 */
const SHORT_PART = 10;
const SHORT_MAX = 2 * SHORT_PART;
const CODE_OF = new Int8Array(128).fill(-1);
for (let c = 48; c <= 57; c++) CODE_OF[c] = c - 47;
for (let c = 97; c <= 122; c++) CODE_OF[c] = c - 86;
for (let c = 65; c <= 90; c++) CODE_OF[c] = c - 54;

function shortCode(s: string, from: number, to: number): number {
  let code = 0;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    const d = c < 128 ? (CODE_OF[c] ?? -1) : -1;
    if (d < 0) return -1;
    code = code * 37 + d;
  }
  return code;
}

type Mode = 0 | 1 | 2;
const PLAIN: Mode = 0;
const ASCII: Mode = 1;
const NORMALIZED: Mode = 2;

const NON_ASCII_RE = /[\u0080-\uffff]/;

/** Character classes of ASCII for scanRuns. */
const SEPARATOR = 0;
const LOWER_OR_DIGIT = 1;
const UPPER = 2;
const GIVE_UP = 3;

function asciiClasses(plain: boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) t[c] = LOWER_OR_DIGIT;
    else if (c >= 65 && c <= 90) t[c] = UPPER;
    // isPlainAscii's refusals: control characters but tab, LF, CR; DEL; TeX's \ $ { }.
    else if (plain && (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 92 || c === 36 || c === 123 || c === 125)) t[c] = GIVE_UP;
    else t[c] = SEPARATOR;
  }
  return t;
}
const PLAIN_CLASS = asciiClasses(true);
const ASCII_CLASS = asciiClasses(false);
