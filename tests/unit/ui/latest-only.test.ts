import { describe, expect, it } from 'vitest';
import { LatestOnly } from '@/src/ui/popup/latest-only';

/** A fake background: each call waits until the test answers it. */
function fakeSearch() {
  const calls: { q: string; ok: (r: string) => void; fail: (e: Error) => void }[] = [];
  const run = (q: string) => new Promise<string>((ok, fail) => calls.push({ q, ok, fail }));
  return { calls, runner: new LatestOnly(run) };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('LatestOnly', () => {
  it('runs one query at a time; after it, only the newest of the waiting queries runs', async () => {
    const { calls, runner } = fakeSearch();
    const a = runner.submit('d');
    const b = runner.submit('di');
    const c = runner.submit('dif');
    const d = runner.submit('diff');
    expect(calls.map((x) => x.q)).toEqual(['d']);
    await expect(b).resolves.toEqual({ kind: 'skipped' });
    await expect(c).resolves.toEqual({ kind: 'skipped' });
    calls[0]?.ok('results for d');
    await expect(a).resolves.toEqual({ kind: 'done', value: 'results for d' });
    await tick();
    expect(calls.map((x) => x.q)).toEqual(['d', 'diff']);
    calls[1]?.ok('results for diff');
    await expect(d).resolves.toEqual({ kind: 'done', value: 'results for diff' });
  });

  it('starts at once when nothing is in flight', async () => {
    const { calls, runner } = fakeSearch();
    const a = runner.submit('a');
    calls[0]?.ok('A');
    await a;
    await tick();
    void runner.submit('b');
    expect(calls.map((x) => x.q)).toEqual(['a', 'b']);
  });

  it('an answer that arrives after cancel() is stale, never shown over what came after', async () => {
    const { calls, runner } = fakeSearch();
    const old = runner.submit('old');
    const waiting = runner.submit('waiting');
    runner.cancel(); // e.g. the box was cleared
    await expect(waiting).resolves.toEqual({ kind: 'skipped' });
    const newer = runner.submit('newer');
    calls[0]?.ok('old results');
    await expect(old).resolves.toEqual({ kind: 'stale' });
    await tick();
    expect(calls.map((x) => x.q)).toEqual(['old', 'newer']);
    calls[1]?.ok('newer results');
    await expect(newer).resolves.toEqual({ kind: 'done', value: 'newer results' });
  });

  it("a failure reaches that query's caller, and the next query still runs", async () => {
    const { calls, runner } = fakeSearch();
    const a = runner.submit('a');
    const b = runner.submit('b');
    calls[0]?.fail(new Error('worker gone'));
    await expect(a).rejects.toThrow('worker gone');
    await tick();
    expect(calls.map((x) => x.q)).toEqual(['a', 'b']);
    calls[1]?.fail(new Error('still gone'));
    await expect(b).rejects.toThrow('still gone');
  });

  it('a synchronous throw is reported like a failed answer', async () => {
    const runner = new LatestOnly<string, string>(() => {
      throw new Error('bad args');
    });
    await expect(runner.submit('x')).rejects.toThrow('bad args');
    await expect(runner.submit('y')).rejects.toThrow('bad args');
  });

  it('a stale failure is not reported as an error', async () => {
    const { calls, runner } = fakeSearch();
    const a = runner.submit('a');
    runner.cancel();
    calls[0]?.fail(new Error('late'));
    await expect(a).resolves.toEqual({ kind: 'stale' });
  });
});
