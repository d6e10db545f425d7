/**
 * Text normalization shared by the importers and the index. Pure functions,
 * no browser API: the same key must come out of a seed profile, a bulk
 * metadata line and an arXiv page for the same title or author.
 */

/** Strip TeX markup that changes how a title looks but not what it says. */
export function stripTex(s: string): string {
  // \emph{x}, \textbf{x}, \mathrm{x} ... keep the argument; repeat so nested
  // commands (\textbf{\emph{x}}) unwrap from the inside out.
  let prev: string;
  do {
    prev = s;
    s = s.replace(/\\[a-zA-Z]+\s*\{([^{}]*)\}/g, '$1');
  } while (s !== prev);
  return (
    s
      // accents written as TeX: \'e, \"o, \`a, \^i, \~n
      .replace(/\\['"`^~=.]\{?([a-zA-Z])\}?/g, '$1')
      // remaining commands like \alpha or \cdot become their name
      .replace(/\\([a-zA-Z]+)/g, ' $1 ')
      .replace(/\$/g, ' ')
      .replace(/[{}]/g, '')
  );
}

/** Remove diacritics: "Gülçehre" -> "Gulcehre". */
export function stripAccents(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łŁøØđĐıßæÆœŒþÞ]/g, (c) => LETTER_FOLDS[c] ?? c);
}

/** Letters that carry no combining mark, so NFKD leaves them alone. */
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ı: 'i',
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', þ: 'th', Þ: 'TH',
};

/**
 * The key two titles share when they are "the same title": case, punctuation,
 * whitespace, TeX and accents do not count.
 */
export function normalizeTitle(title: string): string {
  return stripAccents(stripTex(title))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key for an author name. "Smith, Samuel L.", "Samuel L Smith" and
 * "Samuel L. Smith" all give "samuel l smith".
 */
export function authorKey(name: string): string {
  let n = stripAccents(stripTex(name)).replace(/\s+/g, ' ').trim();
  const comma = n.indexOf(',');
  if (comma > 0) n = `${n.slice(comma + 1)} ${n.slice(0, comma)}`;
  return n
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * An arXiv id as the dataset stores it: no "arXiv:" prefix, no version.
 * "arXiv:2102.06171v3" -> "2102.06171", "hep-th/9901001v2" -> "hep-th/9901001".
 */
export function normalizeArxivId(id: string): string {
  return id
    .trim()
    .replace(/^arxiv:\s*/i, '')
    .replace(/v\d+$/, '');
}
