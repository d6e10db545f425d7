/**
 * Build-time tokenizer that interns terms without allocating a string per
 * token: each token is found and looked up in one pass, in an open-addressing
 * table whose slots hold what a probe compares, so a probe reads one cache
 * line. Only a term seen for the first time becomes a JS string. A word of
 * up to 20 [a-z0-9] characters (nearly every token) is its short code, two
 * numbers computed as it is scanned, which are both its key and its hash;
 * any other term is keyed by an FNV-1a hash and compared by its characters.
 *
 * Produces the same tokens as tokenize(): plain ASCII in one pass; ASCII
 * with TeX from where the plain pass stopped, after stripTex (the one part of
 * normalizeTitle that changes an ASCII text's tokens); anything else through
 * normalizeTitle, NFKD and all.
 */
import { normalizeTitle, stripTex } from './normalize';
import { STOPWORDS } from './tokenize';

export class TermTable {
  /** Term strings by id (first-seen order). */
  readonly names: string[] = [];
  /** Per id: 1 when the term is a stopword. */
  stop = new Uint8Array(1024);
  /**
   * Per slot, two numbers: a short term's code and code2 (see SHORT_PART), or
   * LONG and the FNV-1a hash of another term; 0 (no code is 0) when empty.
   */
  private keys = new Float64Array(2 << 16);
  /** Per slot: the term's id. */
  private ids = new Int32Array(1 << 16);
  /** Slot of a hash: its top bits after a multiply (the low bits of a code alone spread badly). */
  private shift = 32 - 16;

  /** Token ids of the last scan (see scan): buf[0 .. count). */
  buf = new Uint32Array(4096);
  /** Where the text scanPlain last gave up on should be read again from (a token's start), and the count of ids before it. */
  private resumeAt = 0;
  private resumeCount = 0;

  get size(): number {
    return this.names.length;
  }

  /**
   * Fills buf with the ids of every token tokenize(text) would give
   * (stopwords included), in order; returns their count.
   */
  scan(text: string): number {
    const n = this.scanPlain(text);
    if (n >= 0) return n;
    // The plain pass stopped at a TeX, control or non-ASCII character: the
    // text before the token it was in is plain ASCII, which normalizeTitle
    // leaves as it is but lower-cased, and none of its steps looks back past
    // a separator (each stripTex pattern starts at a \ $ { or }; NFKD
    // reorders marks only up to a starter; a run of separators is one), so
    // only the rest needs normalizing, and its tokens follow those found. One
    // exception: Greek capital sigma lower-cases by what precedes it (final
    // sigma), there the whole text is normalized. Stripped ASCII stays ASCII,
    // and normalizeTitle of ASCII only lower-cases and splits on
    // non-[a-z0-9]: no NFKD, no Unicode classes.
    const rest = text.slice(this.resumeAt);
    if (!NON_ASCII_RE.test(rest)) return this.scanText(stripTex(rest), ASCII_CLASS, OTHER, this.resumeCount);
    if (rest.includes('\u03a3')) return this.scanText(normalizeTitle(text), NORMALIZED_CLASS, OTHER, 0);
    return this.scanText(normalizeTitle(rest), NORMALIZED_CLASS, OTHER, this.resumeCount);
  }

  /** Tokens of an already normalized key (authorKey / normalizeTitle output): runs of non-spaces. */
  scanKey(key: string): number {
    return this.scanText(key, NORMALIZED_CLASS, OTHER, 0);
  }

  /**
   * Finds and interns the tokens of a text that may be plain ASCII (see
   * isPlainAscii), the most of the data, in one pass: a token is a run of
   * [A-Za-z0-9]. Gives up (-1) at the first character that is not plain
   * ASCII, with resumeAt at the start of the token it was in (or at it) and
   * resumeCount the ids before: those are interned already, and are the
   * text's first tokens whichever way the rest is read. scanText's loop
   * specialised: scanText alone, reading every kind of string with its
   * character classes a variable, cost 1.5 times as much on the plain texts.
   */
  private scanPlain(s: string): number {
    let from = -1;
    let count = 0;
    let code = 0;
    let code2 = 0;
    const n = s.length;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? s.charCodeAt(i) : 32;
      const d = c < 128 ? (PLAIN_DIGIT[c] ?? -1) : -1;
      if (d > 0) {
        if (from < 0) {
          from = i;
          code = code2 = 0;
        }
        if (i - from < SHORT_PART) code = code * 37 + d;
        else code2 = code2 * 37 + d;
        continue;
      }
      if (d < 0) {
        this.resumeAt = from < 0 ? i : from;
        this.resumeCount = count;
        return -1;
      }
      if (from < 0) continue;
      count = this.token(s, from, i, code, code2, false, count);
      from = -1;
    }
    return count;
  }

  /**
   * Finds and interns the tokens of `s`, their ids written to buf from
   * `count` on; returns the new count. A token is a run of WORD or OTHER
   * characters (`classes`, `high` for any character from 128 on).
   */
  private scanText(s: string, classes: Uint8Array, high: number, count: number): number {
    let from = -1;
    let code = 0;
    let code2 = 0;
    const n = s.length;
    const normalized = classes === NORMALIZED_CLASS;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? s.charCodeAt(i) : 32;
      const k = c < 128 ? (classes[c] ?? OTHER) : high;
      if (k === SEPARATOR) {
        if (from >= 0) count = this.token(s, from, i, code, code2, normalized, count);
        from = -1;
        continue;
      }
      if (from < 0) {
        from = i;
        code = code2 = 0;
      }
      // A character without a digit makes the code (or code2) negative for good (or -Infinity): no short code.
      const d = k === WORD ? (CODE_OF[c] ?? 0) : -1e300;
      if (i - from < SHORT_PART) code = code * 37 + d;
      else code2 = code2 * 37 + d;
    }
    return count;
  }

  /**
   * Appends the id of token s[from, to) to buf at `count` if it is kept (2+
   * characters, or a digit); returns the new count. `code`, `code2`: its
   * short code, if it has one (see SHORT_PART).
   */
  private token(s: string, from: number, to: number, code: number, code2: number, normalized: boolean, count: number): number {
    const len = to - from;
    if (len === 1) {
      const c = s.charCodeAt(from);
      if (c < 48 || c > 57) return count;
    }
    if (count === this.buf.length) {
      const next = new Uint32Array(count * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[count] = len <= SHORT_MAX && code > 0 && code2 >= 0 ? this.internShort(s, from, to, code, code2) : this.internLong(s, from, to, normalized);
    return count + 1;
  }

  /** Id of s[from, to), [A-Za-z0-9] only and at most SHORT_MAX long (lower-cased), whose short code is `code`, `code2`. */
  private internShort(s: string, from: number, to: number, code: number, code2: number): number {
    const { keys } = this;
    const mask = this.ids.length - 1;
    let i = slotOf(shortHash(code, code2), this.shift);
    for (;;) {
      const a = keys[2 * i] ?? 0;
      if (a === code && keys[2 * i + 1] === code2) return this.ids[i] ?? 0;
      if (a === 0) break;
      i = (i + 1) & mask;
    }
    return this.add(s.slice(from, to).toLowerCase(), i, code, code2);
  }

  /** Id of any other term s[from, to) (lower-cased unless `normalized`). */
  private internLong(s: string, from: number, to: number, normalized: boolean): number {
    let h = 0x811c9dc5;
    for (let k = from; k < to; k++) h = Math.imul(h ^ lower(s.charCodeAt(k)), 0x01000193);
    const { keys, ids, names } = this;
    const mask = ids.length - 1;
    const n = to - from;
    let i = slotOf(h, this.shift);
    for (;;) {
      const a = keys[2 * i] ?? 0;
      if (a === 0) break;
      if (a === LONG && keys[2 * i + 1] === h) {
        const name = names[ids[i] ?? 0] ?? '';
        let k = 0;
        if (name.length === n) while (k < n && name.charCodeAt(k) === lower(s.charCodeAt(from + k))) k++;
        if (k === n) return ids[i] ?? 0;
      }
      i = (i + 1) & mask;
    }
    const term = s.slice(from, to);
    return this.add(normalized ? term : term.toLowerCase(), i, LONG, h);
  }

  /** A term met for the first time; `i` is the empty slot its lookup ended on, `a`, `b` its key. */
  private add(term: string, i: number, a: number, b: number): number {
    const id = this.names.length;
    this.names.push(term);
    if (id === this.stop.length) {
      const next = new Uint8Array(id * 2);
      next.set(this.stop);
      this.stop = next;
    }
    this.stop[id] = STOPWORDS.has(term) ? 1 : 0;
    this.keys[2 * i] = a;
    this.keys[2 * i + 1] = b;
    this.ids[i] = id;
    if (this.names.length * 2 > this.ids.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const old = this.keys;
    const oldIds = this.ids;
    const m = oldIds.length * 2;
    const keys = new Float64Array(2 * m);
    const ids = new Int32Array(m);
    const shift = this.shift - 1;
    for (let j = 0; j < oldIds.length; j++) {
      const a = old[2 * j] ?? 0;
      if (a === 0) continue;
      const b = old[2 * j + 1] ?? 0;
      let i = slotOf(a === LONG ? b : shortHash(a, b), shift);
      while (keys[2 * i] !== 0) i = (i + 1) & (m - 1);
      keys[2 * i] = a;
      keys[2 * i + 1] = b;
      ids[i] = oldIds[j] ?? 0;
    }
    this.keys = keys;
    this.ids = ids;
    this.shift = shift;
  }
}

/**
 * Terms of up to SHORT_MAX characters of [a-z0-9] (nearly all words) have a
 * short code: each character a digit 1..36 in base 37, the first SHORT_PART
 * characters read as one number (code) and the rest as another (code2)
 * (exact: 37^10 < 2^53; no digit is 0, so no two lengths share a code). Two
 * such terms are equal exactly when their codes are, so a lookup compares two
 * numbers, not the characters. Upper-case ASCII letters count as their lower
 * case (the terms are lower-cased).
 */
const SHORT_PART = 10;
const SHORT_MAX = 2 * SHORT_PART;
const CODE_OF = new Int8Array(128);
for (let c = 48; c <= 57; c++) CODE_OF[c] = c - 47;
for (let c = 97; c <= 122; c++) CODE_OF[c] = c - 86;
for (let c = 65; c <= 90; c++) CODE_OF[c] = c - 54;
/** A long term's first key number (no code is negative). */
const LONG = -1;

/** A 32-bit hash of a short code: its low 32 bits, code2's mixed in (`| 0` keeps the low 32 bits of an integer below 2^53). */
function shortHash(code: number, code2: number): number {
  return (code | 0) ^ Math.imul(code2 | 0, 0x27d4eb2d);
}

/** Fibonacci hashing: the top bits of hash × 2^32/φ. */
function slotOf(hash: number, shift: number): number {
  return Math.imul(hash, 0x9e3779b1) >>> shift;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

const NON_ASCII_RE = /[\u0080-\uffff]/;

/** Character classes of ASCII for scanText. */
const SEPARATOR = 0;
/** [A-Za-z0-9]: part of a token that may have a short code. */
const WORD = 1;
/** Part of a token that has none. */
const OTHER = 2;
const GIVE_UP = 3;

function asciiClasses(plain: boolean): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) {
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) t[c] = WORD;
    // isPlainAscii's refusals: control characters but tab, LF, CR; DEL; TeX's \ $ { }.
    else if (plain && (c > 0x7e || (c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 92 || c === 36 || c === 123 || c === 125)) t[c] = GIVE_UP;
    else t[c] = SEPARATOR;
  }
  return t;
}
/** Plain ASCII (isPlainAscii), read in one pass: per character its digit (CODE_OF), 0 for a separator, -1 to give up. */
const PLAIN_DIGIT = Int8Array.from(asciiClasses(true), (k, c) => (k === WORD ? (CODE_OF[c] ?? 0) : k === GIVE_UP ? -1 : 0));
/** ASCII stripped of TeX: normalizeTitle lower-cases it and splits on non-[a-z0-9]. */
const ASCII_CLASS = asciiClasses(false);
/** Normalized text (normalizeTitle, authorKey): tokens are runs of anything but a space. */
const NORMALIZED_CLASS = new Uint8Array(128).map((_, c) => (c === 32 ? SEPARATOR : CODE_OF[c] ? WORD : OTHER));
