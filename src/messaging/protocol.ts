import { z } from 'zod';
import { AuthorMetricsSchema, PaperSchema } from '../dataset/schema';
import { PageInfoSchema } from '../arxiv/page-info';

/**
 * The one message protocol between the extension's pages / content script
 * and the background worker. Requests and responses are each a single zod
 * discriminated union on `type`; both ends validate what they receive, so a
 * malformed or foreign message is dropped instead of half-handled.
 */

// ---- requests (content script / popup → background) ----

export const LookupPageRequest = z.object({
  type: z.literal('lookup-page'),
  page: PageInfoSchema,
});

/**
 * The content script's first question, sent at document_start from the URL
 * alone (before arXiv's page is parsed): the dataset paper with this arXiv id
 * and its panels. Answered with `match: null` (and nothing else) when no
 * paper has the id; the content script then asks 'lookup-page' with the page.
 */
export const LookupIdRequest = z.object({
  type: z.literal('lookup-id'),
  arxivId: z.string().min(1).max(100),
});

export const SearchRequest = z.object({
  type: z.literal('search'),
  query: z.string().max(500),
  limit: z.number().int().positive().max(200).default(20),
  /** The popup's parsed `au:` `ti:` `cat:` `y:` `code:` filters (src/search/query-syntax.ts). */
  filters: z
    .object({
      category: z.string().max(100).optional(),
      yearFrom: z.number().int().optional(),
      yearTo: z.number().int().optional(),
      author: z.string().max(200).optional(),
      hasCode: z.boolean().optional(),
      title: z.array(z.string().max(500)).max(20).optional(),
    })
    .optional(),
  /** Quoted phrases that must appear as written. */
  phrases: z.array(z.string().max(500)).max(20).optional(),
});

/** The popup expanding a result: its abstract, and coauthors of the paper's authors. */
export const PaperDetailsRequest = z.object({ type: z.literal('paper-details'), id: z.string().min(1).max(500) });

export const SummaryRequest = z.object({ type: z.literal('summary') });

/**
 * An arXiv page in view asks every 25 s (src/messaging/keep-ready.ts):
 * the question keeps the worker from being stopped as idle, and a worker
 * started by it loads the index before the reader's next click.
 */
export const KeepReadyRequest = z.object({ type: z.literal('keep-ready') });

/** The sidebar's "Papers" button: open the popup page in a tab, searching for `query`. */
export const OpenSearchRequest = z.object({ type: z.literal('open-search'), query: z.string().min(1).max(500) });

// ---- dataset management (options page → background) ----
// The options page writes imports straight into IndexedDB (same origin) and
// then says 'datasets-changed', so the background reloads; the answer comes
// once the new index is ready.

export const DatasetsRequest = z.object({ type: z.literal('datasets') });
export const DatasetsChangedRequest = z.object({ type: z.literal('datasets-changed') });
export const RemoveDatasetRequest = z.object({ type: z.literal('remove-dataset'), id: z.string().min(1).max(200) });
export const RestoreDefaultRequest = z.object({ type: z.literal('restore-default') });
/**
 * One loop: a 75k-paper import sends 433,452 numbers, and zod's per-element
 * checks (int, min) cost the worker ~90 ms of the import's time.
 */
function isAuthorRefs(v: unknown): v is number[] {
  if (!Array.isArray(v) || v.length > 10_000_000) return false;
  for (const n of v as unknown[]) if (!Number.isInteger(n) || (n as number) < -1) return false;
  return true;
}

/**
 * An import running in the options page stored batch `chunk` (0, 1, 2, ...)
 * under its staging id: the background indexes it while the next one is
 * parsed (prebuild.ts), so the index is ready soon after the commit.
 * `duplicates`: papers of the file met twice so far (merged at commit, which
 * changes stored batches: the background then builds after the commit).
 */
export const ImportStagedRequest = z.object({
  type: z.literal('import-staged'),
  importId: z.string().min(1).max(200),
  chunk: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  /** The batch's author numbers (src/import/arxiv-jsonl.ts ArxivBatch.authorRefs), from an arXiv metadata import. */
  authorRefs: z.custom<number[]>(isAuthorRefs, 'authorRefs: expected a list of author numbers (integers from -1)').optional(),
});

/**
 * The options page has begun importing a file it can read (import `importId`,
 * nothing stored yet): the background gets ready to index its batches.
 */
export const ImportBegunRequest = z.object({
  type: z.literal('import-begun'),
  importId: z.string().min(1).max(200),
});

export const RequestSchema = z.discriminatedUnion('type', [
  LookupPageRequest,
  LookupIdRequest,
  SearchRequest,
  SummaryRequest,
  KeepReadyRequest,
  PaperDetailsRequest,
  DatasetsRequest,
  DatasetsChangedRequest,
  RemoveDatasetRequest,
  RestoreDefaultRequest,
  OpenSearchRequest,
  ImportBegunRequest,
  ImportStagedRequest,
]);
export type Request = z.input<typeof RequestSchema>;
export type ParsedRequest = z.output<typeof RequestSchema>;

// ---- responses (background → sender) ----

export const MatchSchema = z.object({
  paper: PaperSchema,
  method: z.enum(['arxiv-id', 'title', 'fuzzy-title']),
  confidence: z.number().min(0).max(1),
});

export const RelatedSchema = z.object({
  paper: PaperSchema,
  score: z.number(),
  reasons: z.array(z.string()),
});

export const CoauthorSchema = z.object({
  id: z.string(),
  name: z.string(),
  jointPapers: z.number().int().positive(),
  paperIds: z.array(z.string()),
  /** The joint papers themselves, so the sidebar can list them without another round trip. */
  papers: z.array(z.object({ id: z.string(), title: z.string(), arxivId: z.string().optional() })).default([]),
});

export const AuthorCoauthorsSchema = z.object({
  author: z.object({ id: z.string(), name: z.string(), metrics: AuthorMetricsSchema.optional() }),
  coauthors: z.array(CoauthorSchema),
});

export const LookupPageResponse = z.object({
  type: z.literal('lookup-page'),
  match: MatchSchema.nullable(),
  related: z.array(RelatedSchema),
  coauthors: z.array(AuthorCoauthorsSchema),
});

/** Same fields as 'lookup-page'; `match` is null when no dataset paper has the id. */
export const LookupIdResponse = LookupPageResponse.extend({ type: z.literal('lookup-id') });

export const SearchResponse = z.object({
  type: z.literal('search'),
  query: z.string(),
  hits: z.array(z.object({ paper: PaperSchema, score: z.number(), matchedTerms: z.array(z.string()) })),
});

export const SummaryResponse = z.object({
  type: z.literal('summary'),
  papers: z.number().int().nonnegative(),
  authors: z.number().int().nonnegative(),
  datasets: z.array(z.object({ id: z.string(), name: z.string(), papers: z.number().int().nonnegative() })),
});

export const PaperDetailsResponse = z.object({
  type: z.literal('paper-details'),
  /** The paper's abstract ('' when it has none): lists of related papers come without them. */
  abstract: z.string(),
  /** Per author of the paper the dataset knows (first few authors only). */
  coauthors: z.array(AuthorCoauthorsSchema),
});

export const DatasetInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** ISO timestamp of the import. */
  createdAt: z.string(),
  papers: z.number().int().nonnegative(),
  authors: z.number().int().nonnegative(),
  origin: z.string().optional(),
  /** Papers of this dataset that were already in an earlier one (merged into that record). */
  merged: z.number().int().nonnegative(),
  isDefault: z.boolean(),
});
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;

/** The catalog, as every dataset-management request answers it. */
const catalog = {
  datasets: z.array(DatasetInfoSchema),
  /** Distinct papers and authors across all datasets, after merging. */
  papers: z.number().int().nonnegative(),
  authors: z.number().int().nonnegative(),
};
export const DatasetsResponse = z.object({ type: z.literal('datasets'), ...catalog });
export const DatasetsChangedResponse = z.object({ type: z.literal('datasets-changed'), ...catalog });
export const RemoveDatasetResponse = z.object({ type: z.literal('remove-dataset'), ...catalog });
export const RestoreDefaultResponse = z.object({ type: z.literal('restore-default'), ...catalog });
/** Any of the four answers, without its `type`. */
export type Catalog = Omit<z.infer<typeof DatasetsResponse>, 'type'>;

/** Noted; the indexing goes on in the background. */
export const ImportStagedResponse = z.object({ type: z.literal('import-staged') });
export const ImportBegunResponse = z.object({ type: z.literal('import-begun') });

/** The search tab was opened. */
export const OpenSearchResponse = z.object({ type: z.literal('open-search') });

export const KeepReadyResponse = z.object({ type: z.literal('keep-ready') });

export const ErrorResponse = z.object({ type: z.literal('error'), message: z.string() });

export const ResponseSchema = z.discriminatedUnion('type', [
  LookupPageResponse,
  LookupIdResponse,
  SearchResponse,
  SummaryResponse,
  PaperDetailsResponse,
  DatasetsResponse,
  DatasetsChangedResponse,
  RemoveDatasetResponse,
  RestoreDefaultResponse,
  OpenSearchResponse,
  ImportStagedResponse,
  ImportBegunResponse,
  KeepReadyResponse,
  ErrorResponse,
]);
export type Response = z.infer<typeof ResponseSchema>;

/** The response type that answers a given request type. */
export type ResponseFor<T extends Request['type']> = Extract<Response, { type: T }>;
