import { browser } from 'wxt/browser';
import { ResponseSchema, type Request, type ResponseFor } from './protocol';

/**
 * Sends a request to the background worker and checks the answer against the
 * protocol. An error answer, or one that does not parse, becomes a thrown
 * Error whose message the UI can show as it is.
 */
export async function ask<T extends Request['type']>(request: Request & { type: T }): Promise<ResponseFor<T>> {
  const raw: unknown = await browser.runtime.sendMessage(request);
  const parsed = ResponseSchema.safeParse(raw);
  if (!parsed.success) throw new Error('Paper Atlas background sent an answer it could not read.');
  const response = parsed.data;
  if (response.type === 'error') throw new Error(response.message);
  if (response.type !== request.type) throw new Error(`Expected a "${request.type}" answer, got "${response.type}".`);
  return response as ResponseFor<T>;
}
