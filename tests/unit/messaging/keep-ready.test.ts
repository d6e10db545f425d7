import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { KEEP_READY_MS, keepReady } from '../../../src/messaging/keep-ready';

/** A document whose visibility the test sets, firing visibilitychange as a browser does. */
function pageIn(state: 'visible' | 'hidden') {
  const { document } = parseHTML('<html><body></body></html>');
  let now = state;
  Object.defineProperty(document, 'visibilityState', { get: () => now, configurable: true });
  const show = (next: 'visible' | 'hidden') => {
    now = next;
    document.dispatchEvent(new (document.defaultView as unknown as { Event: typeof Event }).Event('visibilitychange'));
  };
  return { document, show };
}

const timers = { setInterval: (run: () => void, ms: number) => setInterval(run, ms) as unknown as number };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('keepReady', () => {
  test('a page in view asks within every 30 s (Chromium stops an idle worker after 30 s)', () => {
    const { document } = pageIn('visible');
    const ask = vi.fn();
    keepReady(document, ask, timers);
    expect(ask).not.toHaveBeenCalled(); // the page's own lookup has just woken the worker
    vi.advanceTimersByTime(120_000);
    expect(KEEP_READY_MS).toBeLessThan(30_000);
    expect(ask).toHaveBeenCalledTimes(Math.floor(120_000 / KEEP_READY_MS));
  });

  test('a hidden page asks nothing; shown again it asks at once, then on every beat', () => {
    const { document, show } = pageIn('visible');
    const ask = vi.fn();
    keepReady(document, ask, timers);
    show('hidden');
    vi.advanceTimersByTime(300_000);
    expect(ask).not.toHaveBeenCalled();
    show('visible');
    expect(ask).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(KEEP_READY_MS);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  test('a page opened in a background tab starts asking when it is first shown', () => {
    const { document, show } = pageIn('hidden');
    const ask = vi.fn();
    keepReady(document, ask, timers);
    vi.advanceTimersByTime(60_000);
    expect(ask).not.toHaveBeenCalled();
    show('visible');
    vi.advanceTimersByTime(KEEP_READY_MS);
    expect(ask).toHaveBeenCalledTimes(2);
  });

  test('stopped, it asks no more', () => {
    const { document, show } = pageIn('visible');
    const ask = vi.fn();
    const stop = keepReady(document, ask, timers);
    stop();
    show('hidden');
    show('visible');
    vi.advanceTimersByTime(120_000);
    expect(ask).not.toHaveBeenCalled();
  });
});
