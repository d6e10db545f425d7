/**
 * Text normalization shared by the importers and the index. Pure functions,
 * no browser API: the same key must come out of a seed profile, a bulk
 * metadata line and an arXiv page for the same title or author.
 */

/** Strip TeX markup that changes how a title looks but not what it says. */
export function stripTex(s: string): string {
  return (
    s
      // \emph{x}, \textbf{x}, \mathrm{x} ... keep the argument
      .replace(/\\[a-zA-Z]+\s*\{([^{}]*)\}/g, '$1')
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
  return s.normalize('NFKD').replace(/\p{M}+/gu, '');
}

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
