/**
 * Profile pages show a paper's subject as a bare two-letter code ("LG", "CV").
 * The dataset stores arXiv categories ("cs.LG") so that papers from a profile
 * compare equal to categories read from arXiv pages and bulk metadata.
 */

/**
 * Computer Science subject classes from arXiv's category taxonomy. The profile
 * site is ML/CS-oriented, so a two-letter code that exists in cs is read as cs
 * even where another archive reuses the letters (math.DS, math.GT, math.LO,
 * math.GR, nlin.CG, nlin.SI, q-bio.SC): cs is by far the likely meaning there.
 */
const CS_CODES = [
  'AI', 'AR', 'CC', 'CE', 'CG', 'CL', 'CR', 'CV', 'CY', 'DB', 'DC', 'DL', 'DM', 'DS',
  'ET', 'FL', 'GL', 'GR', 'GT', 'HC', 'IR', 'IT', 'LG', 'LO', 'MA', 'MM', 'MS', 'NE',
  'NI', 'OH', 'OS', 'PF', 'PL', 'RO', 'SC', 'SD', 'SE', 'SI',
] as const;

/**
 * Codes outside the plain cs list. Only codes with a single plausible reading
 * are here; ambiguous ones ("CO": stat.CO or math.CO, "AP": stat.AP or
 * math.AP, "SP": eess.SP or math.SP) are deliberately absent and kept as-is.
 */
const OTHER_CODES: Readonly<Record<string, string>> = {
  ML: 'stat.ML', // cs has no ML class; "Machine Learning (stat.ML)"
  ME: 'stat.ME', // Methodology; no other archive uses ME
  // arXiv aliases: cs.NA is an alias of math.NA and cs.SY of eess.SY, so the
  // canonical name is stored (arXiv lists the canonical one as primary).
  NA: 'math.NA',
  SY: 'eess.SY',
  IV: 'eess.IV', // Image and Video Processing
  AS: 'eess.AS', // Audio and Speech Processing
};

const CODE_TO_CATEGORY: ReadonlyMap<string, string> = new Map<string, string>([
  ...CS_CODES.map((c): [string, string] => [c, `cs.${c}`]),
  ...Object.entries(OTHER_CODES),
]);

/** True when `code` is a short profile code this module knows. */
export function isKnownProfileCode(code: string): boolean {
  return CODE_TO_CATEGORY.has(code.trim().toUpperCase());
}

/**
 * Map a profile subject code to an arXiv category: "LG" -> "cs.LG",
 * "ML" -> "stat.ML". A code that is already a full category ("cs.LG",
 * "quant-ph", "hep-th") or that we do not know ("XY") is returned trimmed but
 * otherwise unchanged: the text is still useful for display and search, and a
 * wrong guess would be worse than no mapping.
 */
export function categoryFromProfileCode(code: string): string {
  const c = code.trim();
  if (c.includes('.') || c.includes('-')) return c;
  return CODE_TO_CATEGORY.get(c.toUpperCase()) ?? c;
}
