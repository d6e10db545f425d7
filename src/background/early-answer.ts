/**
 * One answer started before it was asked for: the lookup by id of the arXiv
 * page a tab is opening (AtlasService.pageOpening), which the page's own
 * lookup-id question, ~70 ms later, takes instead of asking again.
 */

/** An answer older than this is not handed out: the page never asked, or asks again. */
const EARLY_ANSWER_MS = 10_000;

export class EarlyAnswer<T> {
  private held?: { key: string; at: number; answer: Promise<T> };

  /** The answer being made for `key`, if one is. */
  pending(key: string): Promise<T> | undefined {
    return this.held?.key === key ? this.held.answer : undefined;
  }

  hold(key: string, answer: Promise<T>, now = Date.now()): void {
    answer.catch(() => undefined); // a failed one is asked again by take's caller
    this.held = { key, at: now, answer };
  }

  /** The answer held for `key`, once (a later visit asks afresh); undefined when none or too old. */
  take(key: string, now = Date.now()): Promise<T> | undefined {
    const held = this.held;
    if (!held || held.key !== key) return undefined;
    this.held = undefined;
    return now - held.at <= EARLY_ANSWER_MS ? held.answer : undefined;
  }

  /** Forget it: what it was made from changed (learning, a reload). */
  drop(): void {
    this.held = undefined;
  }
}
