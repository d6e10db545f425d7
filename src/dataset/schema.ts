import { z } from 'zod';

/**
 * The dataset model shared by importers, the index, storage and the UI.
 * Every record that crosses a boundary (file import, IndexedDB, messages) is
 * checked against these schemas, so the rest of the code can trust the types.
 */

export const DATASET_FORMAT = 'paper-atlas';
export const DATASET_VERSION = 1;

/** Metrics a researcher profile carries for its owner. Any may be missing. */
export const AuthorMetricsSchema = z.object({
  hIndex: z.number().int().nonnegative().optional(),
  papers: z.number().int().nonnegative().optional(),
  citations: z.number().int().nonnegative().optional(),
  /** Percent, 0..100. */
  novelty: z.number().min(0).max(100).optional(),
  aiScore: z.number().nonnegative().optional(),
});
export type AuthorMetrics = z.infer<typeof AuthorMetricsSchema>;

export const AuthorSchema = z.object({
  /** Stable key: the normalized name (see src/index/normalize.ts authorKey). */
  id: z.string().min(1),
  /** Display name as the source wrote it, e.g. "Samuel L. Smith". */
  name: z.string().min(1),
  metrics: AuthorMetricsSchema.optional(),
  /** The author's main field as the profile states it, e.g. "cs.LG". */
  field: z.string().optional(),
});
export type Author = z.infer<typeof AuthorSchema>;

/** arXiv identifiers without version: "2102.06171" or "hep-th/9901001". */
export const ArxivIdSchema = z
  .string()
  .regex(/^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/, 'not an arXiv id (e.g. 2102.06171 or hep-th/9901001)');

export const PaperSchema = z.object({
  /** Stable key within the dataset. */
  id: z.string().min(1),
  arxivId: ArxivIdSchema.optional(),
  /** Title as the source wrote it (may contain TeX). */
  title: z.string().min(1),
  /** Author display names in source order. */
  authors: z.array(z.string().min(1)),
  /** True when the source listed only the first authors ("et al."). */
  authorsTruncated: z.boolean(),
  affiliations: z.array(z.string()),
  /** arXiv categories, primary first, e.g. ["cs.LG", "stat.ML"]. */
  categories: z.array(z.string().min(1)),
  /** Publication date, ISO "YYYY-MM-DD". */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  abstract: z.string(),
  /** The source marks the paper as having code available. */
  hasCode: z.boolean(),
  /** An https link to the code, when the source gives one. */
  codeUrl: z.string().url().startsWith('https://').optional(),
  /** Where this record came from, e.g. ["seed:samuel-l-smith"]. */
  sources: z.array(z.string()),
});
export type Paper = z.infer<typeof PaperSchema>;

export const DatasetSchema = z.object({
  format: z.literal(DATASET_FORMAT),
  version: z.literal(DATASET_VERSION),
  id: z.string().min(1),
  name: z.string().min(1),
  /** ISO timestamp. */
  createdAt: z.string(),
  authors: z.array(AuthorSchema),
  papers: z.array(PaperSchema),
});
export type Dataset = z.infer<typeof DatasetSchema>;
