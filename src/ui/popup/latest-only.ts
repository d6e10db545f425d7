/** What became of one submitted query. */
export type Outcome<R> =
  /** It ran and is still the newest answer: show it. */
  | { kind: 'done'; value: R }
  /** A newer query arrived before it could start; it never ran. */
  | { kind: 'skipped' }
  /** It ran, but `cancel()` was called meanwhile: its answer must not be shown. */
  | { kind: 'stale' };

/**
 * Runs at most one query at a time, latest-only. A query submitted while one
 * is in flight waits for it; if yet newer queries arrive meanwhile, only the
 * newest of them runs afterwards and the ones in between are skipped. Typing
 * faster than the background answers thus costs one search per answer, not
 * one per keystroke, and answers arrive in the order the queries were typed,
 * so an older answer can never overwrite a newer one.
 *
 * A failure of a query that is not stale rejects that query's promise, so the
 * caller that submitted it sees the error.
 */
export class LatestOnly<Q, R> {
  private inFlight = false;
  private pending: { q: Q; settle: (o: Promise<Outcome<R>>) => void } | undefined;
  /** Bumped by cancel(): answers of an older generation are stale. */
  private generation = 0;

  constructor(private readonly run: (q: Q) => Promise<R>) {}

  submit(q: Q): Promise<Outcome<R>> {
    if (!this.inFlight) return this.start(q);
    this.pending?.settle(Promise.resolve({ kind: 'skipped' }));
    return new Promise((settle) => (this.pending = { q, settle }));
  }

  /** Drops the waiting query and makes the answer in flight stale (e.g. the box was cleared). */
  cancel(): void {
    this.generation++;
    this.pending?.settle(Promise.resolve({ kind: 'skipped' }));
    this.pending = undefined;
  }

  private start(q: Q): Promise<Outcome<R>> {
    this.inFlight = true;
    const generation = this.generation;
    const fresh = () => generation === this.generation;
    let answer: Promise<R>;
    try {
      answer = this.run(q);
    } catch (e) {
      answer = Promise.reject(e);
    }
    const outcome = answer.then(
      (value): Outcome<R> => (fresh() ? { kind: 'done', value } : { kind: 'stale' }),
      (e: unknown): Outcome<R> => {
        if (fresh()) throw e;
        return { kind: 'stale' };
      },
    );
    // The next query starts once this one has settled, whatever the outcome.
    const next = () => {
      this.inFlight = false;
      const p = this.pending;
      this.pending = undefined;
      if (p) p.settle(this.start(p.q));
    };
    outcome.then(next, next);
    return outcome;
  }
}
