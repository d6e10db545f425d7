/**
 * The popup's query syntax, parsed without any browser or index knowledge:
 *
 *   au:smith  au:"soham de"   author (word prefixes: "s smith" finds "Samuel L. Smith")
 *   ti:diffusion  ti:"language model"   words / phrase in the title
 *   cat:cs.LG  cat:cs         category, or a whole archive
 *   y:2021  y:2020-2023  y:2020-  y:-2019   publication years
 *   code:yes  code:no         papers with / without a code link
 *   "exact phrase"            adjacent words in title, abstract or authors
 *   anything else             plain words, searched everywhere
 *
 * The parser is forgiving because it runs on every keystroke: a half-typed
 * filter (`au:`, `au:"sam`) is not an error, an unknown `key:` is plain text,
 * and only a value that cannot mean anything (`y:20x`, `code:maybe`) is
 * reported in `errors` — while the rest of the query still runs.
 */

export interface QueryFilters {
  /** Canonical arXiv category ("cs.LG") or archive ("cs", "hep-th"). */
  category?: string;
  yearFrom?: number;
  yearTo?: number;
  /** The author name as typed (quotes removed). */
  author?: string;
  hasCode?: boolean;
  /** Words and phrases that must appear in the title. */
  title?: string[];
}

export interface ParsedQuery {
  /** Everything the text index should match: plain words, phrase words, title words. */
  text: string;
  filters: QueryFilters;
  /** Quoted phrases outside any filter, as typed. */
  phrases: string[];
  errors?: string[];
}

/** Filter keys and their aliases. */
const KEYS: Readonly<Record<string, 'au' | 'ti' | 'cat' | 'y' | 'code'>> = {
  au: 'au',
  author: 'au',
  ti: 'ti',
  title: 'ti',
  cat: 'cat',
  category: 'cat',
  y: 'y',
  year: 'y',
  code: 'code',
};

/** One piece of the query: an optional `key:` and a value that may have been quoted. */
interface Piece {
  key?: string;
  value: string;
  quoted: boolean;
}

/** Splits on whitespace outside quotes; an unclosed quote runs to the end (still typing). */
export function splitPieces(input: string): Piece[] {
  const out: Piece[] = [];
  // Alternative 1 is a key still waiting for its value ("au:" at the end or before a space).
  const re = /([A-Za-z]+):(?=\s|$)|(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))/g;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    const [, bareKey, key, quoted, bare] = m;
    if (bareKey !== undefined) out.push({ key: bareKey, value: '', quoted: false });
    else if (quoted !== undefined) out.push({ ...(key ? { key } : {}), value: quoted.trim(), quoted: true });
    else out.push({ ...(key ? { key } : {}), value: (bare ?? '').replace(/"/g, ''), quoted: false });
  }
  return out;
}

/** "cs.lg" -> "cs.LG", "CS" -> "cs", "physics.Optics" -> "physics.optics"; null if not category-shaped. */
export function normalizeCategory(raw: string): string | null {
  const m = /^([a-z]+(?:-[a-z]+)?)(?:\.([a-z]+(?:-[a-z]+)?))?$/i.exec(raw.trim());
  if (!m) return null;
  const archive = (m[1] ?? '').toLowerCase();
  const subject = m[2];
  if (subject === undefined) return archive;
  // arXiv writes two-letter subject classes in capitals (cs.LG, math.AG, q-bio.NC) and longer ones in lower case (physics.optics).
  return `${archive}.${subject.length === 2 ? subject.toUpperCase() : subject.toLowerCase()}`;
}

/** "2021" | "2020-2023" | "2020-" | "-2019" | "2020..2023" -> inclusive range; null if malformed. */
export function parseYears(raw: string): { yearFrom?: number; yearTo?: number } | null {
  const m = /^(\d{4})?\s*(-|–|\.\.)?\s*(\d{4})?$/.exec(raw.trim());
  if (!m || (m[1] === undefined && m[3] === undefined)) return null;
  const from = m[1] === undefined ? undefined : Number(m[1]);
  const to = m[3] === undefined ? undefined : Number(m[3]);
  if (m[2] === undefined) return m[3] === undefined ? { yearFrom: from, yearTo: from } : null; // "20202021"
  if (from !== undefined && to !== undefined && from > to) return { yearFrom: to, yearTo: from }; // typed backwards
  return { ...(from === undefined ? {} : { yearFrom: from }), ...(to === undefined ? {} : { yearTo: to }) };
}

const CODE_VALUES: Readonly<Record<string, boolean>> = { yes: true, y: true, true: true, '1': true, no: false, n: false, false: false, '0': false };

/** Parses the popup's query; see the file comment for the syntax. */
export function parseQuery(input: string): ParsedQuery {
  const words: string[] = [];
  const phrases: string[] = [];
  const title: string[] = [];
  const errors: string[] = [];
  const filters: QueryFilters = {};
  const pieces = splitPieces(input);
  pieces.forEach((p, i) => {
    const key = p.key === undefined ? undefined : KEYS[p.key.toLowerCase()];
    const last = i === pieces.length - 1;
    if (p.key !== undefined && key === undefined) {
      // Not our syntax ("http://…", "re:"): keep what was typed as words.
      words.push(`${p.key} ${p.value}`);
      return;
    }
    if (p.value === '') return; // "au:" or "" while typing
    switch (key) {
      case undefined:
        if (p.quoted) phrases.push(p.value);
        else words.push(p.value);
        return;
      case 'au':
        // One author filter; a second au: still narrows through the text search.
        if (filters.author === undefined) filters.author = p.value;
        else words.push(p.value);
        return;
      case 'ti':
        title.push(p.value);
        return;
      case 'cat': {
        const cat = normalizeCategory(p.value);
        if (cat) filters.category = cat;
        else if (!last) errors.push(`cat:${p.value} is not an arXiv category (try cat:cs.LG or cat:cs).`);
        return;
      }
      case 'y': {
        const years = parseYears(p.value);
        if (years) Object.assign(filters, years);
        // "y:20" is a year being typed: only complain once the user moved on.
        else if (!last || p.value.length > 9) errors.push(`y:${p.value} is not a year or range (try y:2021 or y:2020-2023).`);
        return;
      }
      case 'code': {
        const v = CODE_VALUES[p.value.toLowerCase()];
        if (v !== undefined) filters.hasCode = v;
        else if (!last || p.value.length > 5) errors.push(`code:${p.value} means nothing (use code:yes or code:no).`);
        return;
      }
    }
  });
  if (title.length > 0) filters.title = title;
  const text = [...words, ...phrases, ...title].join(' ').replace(/\s+/g, ' ').trim();
  return { text, filters, phrases, ...(errors.length > 0 ? { errors } : {}) };
}

/** True when the query asks for nothing at all (blank or only half-typed filters). */
export function isEmptyQuery(q: ParsedQuery): boolean {
  return q.text === '' && q.filters.author === undefined && q.filters.category === undefined && q.filters.yearFrom === undefined && q.filters.yearTo === undefined && q.filters.hasCode === undefined;
}
