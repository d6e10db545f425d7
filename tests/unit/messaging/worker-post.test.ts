import { afterEach, describe, expect, it, vi } from 'vitest';
import { routePosted, workerPoster, type ImportStagedMessage } from '@/src/messaging/worker-post';

const OWN = 'chrome-extension://own';
const paper = { id: '2102.06171', title: 'High-Performance Large-Scale Image Recognition Without Normalization', authors: [], sources: ['x'] };
const staged = (batch?: unknown) => ({ type: 'import-staged', importId: 'import-1', chunk: 0, duplicates: 0, ...(batch ? { batch } : {}) });

describe('routePosted (a batch posted to the service worker)', () => {
  it('takes an import batch from our own origin, its records passed on as they came (no copy)', () => {
    const papers = [paper];
    const routed = routePosted(staged({ papers, authors: [{ id: 'a', name: 'A' }] }), OWN, OWN);
    expect(routed.handled).toBe(true);
    if (routed.handled) {
      expect(routed.request.batch?.papers).toEqual(papers);
      expect(routed.request.batch?.papers[0]).toBe(papers[0]);
    }
  });

  it('takes an announcement without records (the read-back path)', () => {
    expect(routePosted(staged(), OWN, OWN)).toMatchObject({ handled: true, request: { type: 'import-staged', chunk: 0 } });
  });

  it('refuses another origin, even with a valid message', () => {
    expect(routePosted(staged(), 'https://evil.example', OWN)).toMatchObject({ handled: false, reason: expect.stringContaining('evil.example') });
  });

  it('drops malformed envelopes and records without an id', () => {
    for (const bad of [null, { type: 'import-staged' }, staged({ papers: [{ title: 'no id' }], authors: [] }), staged({ papers: 'x', authors: [] }), staged({ papers: [null], authors: [] })]) {
      expect(routePosted(bad, OWN, OWN)).toMatchObject({ handled: false, reason: expect.stringMatching(/malformed/) });
    }
  });

  it('drops any request but an import batch: the rest goes through runtime messages', () => {
    expect(routePosted({ type: 'datasets-changed' }, OWN, OWN)).toMatchObject({ handled: false, reason: expect.stringContaining('datasets-changed') });
  });
});

describe('workerPoster (the options page side)', () => {
  afterEach(() => vi.unstubAllGlobals());
  const message: ImportStagedMessage = { type: 'import-staged', importId: 'import-1', chunk: 0, duplicates: 0 };
  /** A worker that answers `answer` on the port sent along (nothing when undefined). */
  const workerAnswering = (answer?: unknown) => {
    const seen: unknown[] = [];
    const postMessage = (data: unknown, ports: MessagePort[]) => {
      seen.push(data);
      if (answer !== undefined) ports[0]?.postMessage(answer);
    };
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ active: { postMessage } }) } });
    return seen;
  };

  it('posts to the active service worker of the extension, and resolves once it took the batch', async () => {
    const seen = workerAnswering({ type: 'import-staged' });
    const post = await workerPoster();
    await expect(post?.(message)).resolves.toBeUndefined();
    expect(seen).toEqual([message]);
  });

  it('rejects when the worker does not answer in time, answers an error, or something unreadable', async () => {
    workerAnswering();
    await expect((await workerPoster(50))?.(message)).rejects.toThrow(/did not take batch 0 within 50 ms/);
    workerAnswering({ type: 'error', message: 'no store' });
    await expect((await workerPoster())?.(message)).rejects.toThrow('no store');
    workerAnswering({ type: 'summary' });
    await expect((await workerPoster())?.(message)).rejects.toThrow(/could not read/);
  });

  it('is absent without a service worker (an event page, no registration, a failing lookup): callers fall back', async () => {
    vi.stubGlobal('navigator', {});
    expect(await workerPoster()).toBeUndefined();
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => undefined } });
    expect(await workerPoster()).toBeUndefined();
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ active: null }) } });
    expect(await workerPoster()).toBeUndefined();
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: () => Promise.reject(new Error('SecurityError')) } });
    expect(await workerPoster()).toBeUndefined();
  });
});
