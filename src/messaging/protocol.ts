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

export const SearchRequest = z.object({
  type: z.literal('search'),
  query: z.string().max(500),
  limit: z.number().int().positive().max(200).default(20),
});

export const SummaryRequest = z.object({ type: z.literal('summary') });

export const RequestSchema = z.discriminatedUnion('type', [LookupPageRequest, SearchRequest, SummaryRequest]);
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

export const ErrorResponse = z.object({ type: z.literal('error'), message: z.string() });

export const ResponseSchema = z.discriminatedUnion('type', [
  LookupPageResponse,
  SearchResponse,
  SummaryResponse,
  ErrorResponse,
]);
export type Response = z.infer<typeof ResponseSchema>;

/** The response type that answers a given request type. */
export type ResponseFor<T extends Request['type']> = Extract<Response, { type: T }>;
