import { z } from 'zod';

/**
 * The input side of arXiv metadata: which fields of a record we read and
 * their types. `isArxivRecord` is the hot path (tens of thousands of records
 * a second, no allocation); `ArxivRecordSchema` says the same in zod and is
 * only run on records the fast check refused, for a precise message. Both
 * must accept exactly the same values (tests/unit/import/arxiv-record.test.ts).
 */

// Only the fields we use. The snapshot writes null for absent values, and
// other exporters leave keys out, so every optional field accepts both.
const text = z.string().nullish();
export const ArxivRecordSchema = z.object({
  id: z.string(),
  title: z.string(),
  authors: text,
  /** [last, first, suffix, ...affiliations] per author. */
  authors_parsed: z.array(z.array(z.string().nullish())).nullish(),
  categories: text,
  abstract: text,
  comments: text,
  versions: z.array(z.object({ created: text })).nullish(),
  update_date: text,
});
export type ArxivRecord = z.infer<typeof ArxivRecordSchema>;

type Text = string | null | undefined;

const isText = (v: unknown): v is Text => v === undefined || v === null || typeof v === 'string';

/** As zod's object check: a non-null object that is not an array. */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isParsedAuthors(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (!Array.isArray(v)) return false;
  for (const author of v as unknown[]) {
    if (!Array.isArray(author)) return false;
    for (const part of author as unknown[]) if (!isText(part)) return false;
  }
  return true;
}

function isVersions(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (!Array.isArray(v)) return false;
  for (const version of v as unknown[]) if (!isObject(version) || !isText(version.created)) return false;
  return true;
}

/** Exactly `ArxivRecordSchema.safeParse(v).success`, without zod's cost. */
export function isArxivRecord(v: unknown): v is ArxivRecord {
  return (
    isObject(v) &&
    typeof v.id === 'string' &&
    typeof v.title === 'string' &&
    isText(v.authors) &&
    isParsedAuthors(v.authors_parsed) &&
    isText(v.categories) &&
    isText(v.abstract) &&
    isText(v.comments) &&
    isVersions(v.versions) &&
    isText(v.update_date)
  );
}
