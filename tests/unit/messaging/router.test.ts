import { describe, expect, it, vi } from 'vitest';
import { routeMessage } from '@/src/messaging/router';
import type { Response } from '@/src/messaging/protocol';

const OWN = 'own-extension-id';
const ok = vi.fn(async (): Promise<Response> => ({ type: 'summary', papers: 1, authors: 1, datasets: [] }));

describe('routeMessage', () => {
  it('answers a valid request from our own extension', async () => {
    const routed = routeMessage({ type: 'summary' }, { id: OWN }, OWN, ok);
    expect(routed.handled).toBe(true);
    if (routed.handled) expect(await routed.response).toEqual({ type: 'summary', papers: 1, authors: 1, datasets: [] });
  });

  it('refuses messages from other extensions and web pages', () => {
    expect(routeMessage({ type: 'summary' }, { id: 'someone-else' }, OWN, ok)).toMatchObject({ handled: false, reason: expect.stringContaining('foreign') });
    expect(routeMessage({ type: 'summary' }, { url: 'https://evil.example/' }, OWN, ok)).toMatchObject({ handled: false });
  });

  it('drops what does not parse, naming the problem', () => {
    for (const bad of [null, 'summary', { type: 'delete-everything' }, { type: 'search' }, { type: 'search', query: 3 }]) {
      const routed = routeMessage(bad, { id: OWN }, OWN, ok);
      expect(routed.handled).toBe(false);
      if (!routed.handled) expect(routed.reason).toMatch(/malformed/);
    }
  });

  it("takes an import batch's author numbers only as integers from -1", () => {
    const staged = { type: 'import-staged', importId: 'import-1', chunk: 0, duplicates: 0 };
    expect(routeMessage({ ...staged, authorRefs: [0, 1, -1, 1] }, { id: OWN }, OWN, ok).handled).toBe(true);
    expect(routeMessage(staged, { id: OWN }, OWN, ok).handled).toBe(true);
    for (const authorRefs of [[0, 1.5], [-2], ['1'], [null], '0,1', { 0: 1 }]) {
      const routed = routeMessage({ ...staged, authorRefs }, { id: OWN }, OWN, ok);
      expect(routed.handled, JSON.stringify(authorRefs)).toBe(false);
      if (!routed.handled) expect(routed.reason).toMatch(/authorRefs/);
    }
  });

  it('turns a failing handler into an error answer instead of a silent drop', async () => {
    const routed = routeMessage({ type: 'search', query: 'x' }, { id: OWN }, OWN, async () => {
      throw new Error('index unavailable');
    });
    expect(routed.handled).toBe(true);
    if (routed.handled) expect(await routed.response).toEqual({ type: 'error', message: 'index unavailable' });
  });

  it('fills in defaults as the schema says', async () => {
    const seen = vi.fn(async (): Promise<Response> => ({ type: 'search', query: 'a', hits: [] }));
    const routed = routeMessage({ type: 'search', query: 'a' }, { id: OWN }, OWN, seen);
    if (routed.handled) await routed.response;
    expect(seen).toHaveBeenCalledWith({ type: 'search', query: 'a', limit: 20 });
  });
});
