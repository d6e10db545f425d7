import { PaperSchema } from '../dataset/schema';

/**
 * Field by field parsing of arXiv metadata records (see arxiv-jsonl.ts):
 * dates, author lists, code links, abstracts. Called once per record of a
 * 75k-line file, so regexes are compiled once and few arrays are made.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** As a Date.UTC round trip would check it (years below 100 are 19xx there, so never equal). */
function isoDay(year: number, month: number, day: number): string | undefined {
  if (year < 100 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0))) return undefined;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const ISO_DATE_RE = /^\s*(\d{4})-(\d{2})-(\d{2})/;
const RFC_DATE_RE = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})/;

/** "Mon, 2 Apr 2007 19:18:42 GMT" (snapshot versions) or "2007-04-02..." (update_date). */
export function parseArxivDate(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const iso = ISO_DATE_RE.exec(s);
  if (iso) return isoDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const rfc = RFC_DATE_RE.exec(s);
  const month = MONTHS.indexOf((rfc?.[2] ?? '').toLowerCase()) + 1;
  return rfc && month > 0 ? isoDay(Number(rfc[3]), month, Number(rfc[1])) : undefined;
}

/**
 * Every run of white space that is not already one plain space: replacing
 * these with ' ' equals replacing /\s+/g, but the single spaces between
 * words (most runs) are not matched, so a 1,000-character abstract makes
 * ~15 replacements, not ~150.
 */
export const SPACES_RE = /\s{2,}|[^\S ]/g;
const PARENS_RE = /\([^()]*\)/g;
const SUFFIX_RE = /^(jr|sr|ii|iii|iv)\.?$/i;
const ET_AL_RE = /,?\s*\bet\.? al\.?\s*$/i;
const AUTHOR_SEP_RE = /\s*,\s*|\s+and\s+|\s+&\s+/;
const AND_RE = /\s+and\s+/;

/** Whitespace collapsed, "(affiliation)" groups removed, innermost first for nested ones. */
function withoutGroups(s: string): string {
  let t = s.replace(SPACES_RE, ' ');
  if (!t.includes('(')) return t;
  for (let prev = ''; prev !== t; ) {
    prev = t;
    t = t.replace(PARENS_RE, ' ');
  }
  return t;
}

// "et" then "al" (ET_AL_RE) only survive whitespace collapsing and group
// removal if the raw string has a whole word "et": most strings have none.
const ET_WORD_RE = /\bet\b/i;

/** Does the author string end in "et al." (as splitAuthors reads it)? */
export function endsEtAl(s: string): boolean {
  return ET_WORD_RE.test(s) && ET_AL_RE.test(withoutGroups(s));
}

/** "A, B and C", with "(affiliation)" groups and "Jr." after a comma. */
export function splitAuthors(s: string): { names: string[]; truncated: boolean } {
  const t = withoutGroups(s);
  const truncated = ET_AL_RE.test(t);
  const names: string[] = [];
  for (const raw of t.replace(ET_AL_RE, '').split(AUTHOR_SEP_RE)) {
    const name = raw.trim();
    if (!name) continue;
    const last = names.length - 1;
    if (SUFFIX_RE.test(name) && last >= 0) names[last] = `${names[last]} ${name}`;
    else names.push(name);
  }
  return { names, truncated };
}

/** One part of a parsed name, whitespace collapsed. */
const part = (x: string | null | undefined) => (x ? x.replace(SPACES_RE, ' ').trim() : '');

export function namesFromParsed(parsed: readonly (readonly (string | null | undefined)[])[]): { names: string[]; affiliations: string[] } {
  const names: string[] = [];
  const affiliations = new Set<string>();
  for (const author of parsed) {
    // [last, first, suffix, ...affiliations], joined as "first last suffix".
    let name = part(author[1]);
    const last = part(author[0]);
    if (last) name = name ? `${name} ${last}` : last;
    const suffix = part(author[2]);
    if (suffix) name = name ? `${name} ${suffix}` : suffix;
    // A rough parse (the sample splits at the last space) can leave
    // "Donald Johann Jr. and Fred" as one first name: split it again.
    if (AND_RE.test(name)) {
      for (const n of name.split(AND_RE)) if (n.trim()) names.push(n.trim());
    } else if (name) names.push(name);
    for (let i = 3; i < author.length; i++) {
      const a = author[i]?.trim();
      if (a) affiliations.add(a);
    }
  }
  return { names, affiliations: [...affiliations] };
}

// github.com as a host (not "foo.github.com"), with or without a scheme;
// TeX escapes (\_ \# \%) are undone first, and \url{..}/\href{..} braces end it.
const GITHUB_RE = /(?<![\w.-])(?:https?:\/\/)?(?:www\.)?github\.com\/([\w.-]+)\/([\w.-]+)([^\s<>"'(){}[\]\\]*)/i;
// Undoing TeX escapes only drops backslashes before [_#%&~], none of which is
// in "github.com": a text without it cannot match, and most texts have none.
const GITHUB_HOST_RE = /github\.com/i;
const TEX_ESCAPE_RE = /\\([_#%&~])/g;
const WRAPPED_LINK_RE = /(github\.com\/[\w.-]+\/)\s+(?=[\w.-]+\/)/gi;
const TRAILING_PUNCT_RE = /[.,;:!?]+$/;
const REPO_LINK_RE = /^https:\/\/github\.com\/[\w.-]+\/[\w-]/;

/**
 * The https GitHub link in comments or abstract, if any. Like the profile
 * importer, a link needs owner/repo to count as code ("github.com/org" alone
 * is a person or an organisation, not a repository).
 */
export function findGithubUrl(...texts: (string | null | undefined)[]): string | undefined {
  for (const t of texts) {
    if (!t || !GITHUB_HOST_RE.test(t)) continue;
    // Wrapping can break a long link after a slash ("deepmind/ deepmind-research/
    // tree/..."): rejoin when a whole path segment follows (as the profile importer does).
    const m = GITHUB_RE.exec(t.replace(TEX_ESCAPE_RE, '$1').replace(WRAPPED_LINK_RE, '$1'));
    if (!m) continue;
    const url = `https://github.com/${m[1]}/${m[2]}${m[3]}`.replace(TRAILING_PUNCT_RE, '');
    if (PaperSchema.shape.codeUrl.safeParse(url).success && REPO_LINK_RE.test(url)) return url;
  }
  return undefined;
}

const PARAGRAPH_RE = /\n\s*\n|\n(?=[ \t])/;
const NOT_PRINTABLE_ASCII_RE = /[^ -~]/;

/** Hard-wrapped lines joined; paragraphs (blank line or indented line) kept apart. */
export function cleanAbstract(s: string): string {
  // Most abstracts are printable ASCII wrapped at single line ends. Trimmed,
  // with each line end a space, such a text is clean when no two spaces
  // meet: then every white-space run was one space or one line end, and a
  // paragraph break needs two (or a tab). Finding that with plain string
  // functions costs a third of the regular expressions below.
  const flat = s.trim().replaceAll('\n', ' ');
  if (!flat.includes('  ') && !NOT_PRINTABLE_ASCII_RE.test(flat)) return flat;
  // Most abstracts are one paragraph: one replace over the flat string.
  // (A regex over a sliced string, e.g. after trim(), ran ~4x slower in V8.)
  if (!PARAGRAPH_RE.test(s)) return s.replace(SPACES_RE, ' ').trim();
  let out = '';
  for (const p of s.trim().split(PARAGRAPH_RE)) {
    const clean = p.replace(SPACES_RE, ' ').trim();
    if (clean) out = out ? `${out}\n\n${clean}` : clean;
  }
  return out;
}
