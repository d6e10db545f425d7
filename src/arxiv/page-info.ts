import { z } from 'zod';

/** What the content script reads off an arXiv abstract page. */
export const PageInfoSchema = z.object({
  /** arXiv id without version, e.g. "2102.06171" or "hep-th/9901001". */
  arxivId: z.string().min(1),
  /** Version number from the URL (or og:url), when shown. */
  version: z.number().int().positive().optional(),
  /** Raw title (from citation_title: TeX not converted). */
  title: z.string().min(1),
  /** Author display names, "First Last". */
  authors: z.array(z.string()),
  abstract: z.string(),
  /** Primary category if the page shows it, e.g. "cs.LG". */
  primaryCategory: z.string().optional(),
  /** Submission date "YYYY-MM-DD" when the page shows it. */
  date: z.string().optional(),
});
export type PageInfo = z.infer<typeof PageInfoSchema>;
