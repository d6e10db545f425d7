import { RequestSchema, type ParsedRequest, type Response } from './protocol';

/** What the router needs to know about who sent a message. */
export interface SenderInfo {
  /** The sending extension's id; undefined for web pages. */
  id?: string;
  /** URL of the sending page or frame, when known. */
  url?: string;
}

export type RequestHandler = (request: ParsedRequest) => Promise<Response>;

export type RouteResult = { handled: false; reason: string } | { handled: true; response: Promise<Response> };

/**
 * Validates an incoming message and decides whether to answer it. Only our
 * own extension (its pages and content scripts) may ask; anything that does
 * not parse as a request is dropped with a reason, never half-handled.
 */
export function routeMessage(message: unknown, sender: SenderInfo, ownId: string, handle: RequestHandler): RouteResult {
  if (sender.id !== ownId) return { handled: false, reason: `refused message from foreign sender ${sender.id ?? sender.url ?? 'unknown'}` };
  const parsed = RequestSchema.safeParse(message);
  if (!parsed.success) return { handled: false, reason: `dropped malformed message: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const response = handle(parsed.data).catch(
    (error: unknown): Response => ({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
  return { handled: true, response };
}
