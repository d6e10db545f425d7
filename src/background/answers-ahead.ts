/**
 * Answers made ahead for the abstract pages a reader is likely to open next:
 * the first related papers the sidebar has just listed. Clicking through to
 * related work is how the sidebar is used, and the lookup by id of a dataset
 * paper is mostly its related ranking (a few ms in Node, several times that
 * in a browser busy loading the page), which the next page would otherwise
 * wait for after arXiv's column is parsed.
 *
 * Made one per task, after a pause: the page the last answer was for is
 * still rendering then, and a new question (the reader clicked already)
 * replaces what was planned. The service drops those made when its index
 * changes (learning, a reload), as it drops its early answer.
 */

/** Related papers per answer whose pages are answered ahead: the related panel's first page (RelatedPanel's PAGE). */
export const AHEAD_PER_ANSWER = 5;
/** Answers kept, least recently planned or read first out: the last few pages' related papers, for a reader going back. */
export const AHEAD_KEPT = 20;
/** Pause after an answer before the first is made (tests: 0). */
export const AHEAD_DELAY_MS = 500;

export class AnswersAhead<T> {
  private readonly kept = new Map<string, Promise<T>>();
  private queue: string[] = [];
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly make: (arxivId: string) => Promise<T>,
    private readonly delayMs = AHEAD_DELAY_MS,
  ) {}

  /** The answer made (or being made) ahead for this id, if any; kept, as the reader may come back. */
  get(arxivId: string): Promise<T> | undefined {
    const answer = this.kept.get(arxivId);
    if (answer) this.keep(arxivId, answer); // now the most recent
    return answer;
  }

  /** Plans the first of these ids (those not kept already) in place of what was planned and not yet made. */
  plan(arxivIds: readonly string[]): void {
    this.queue = arxivIds.slice(0, AHEAD_PER_ANSWER).filter((id) => !this.kept.has(id));
    clearTimeout(this.timer);
    this.timer = this.queue.length > 0 ? setTimeout(() => this.next(), this.delayMs) : undefined;
  }

  /**
   * Forgets the answers made: what they were made from changed. What is
   * planned and not made yet stays planned, and is made from the new index
   * (a page that teaches its record something drops them right after its
   * answer planned its related papers).
   */
  drop(): void {
    this.kept.clear();
  }

  /** Settles once everything planned is made (tests). */
  async idle(): Promise<void> {
    for (;;) {
      await Promise.allSettled(this.kept.values());
      if (this.timer === undefined && this.queue.length === 0) return;
      await new Promise((resolve) => setTimeout(resolve, this.delayMs + 1));
    }
  }

  private next(): void {
    this.timer = undefined;
    const id = this.queue.shift();
    if (id === undefined) return;
    const answer = this.make(id);
    this.keep(id, answer);
    // A failed one is asked again when its page asks.
    answer.catch(() => {
      if (this.kept.get(id) === answer) this.kept.delete(id);
    });
    // The next one in a task of its own, once this one is made: a question
    // arriving meanwhile waits for one answer at most.
    const after = () => {
      if (this.queue.length > 0 && this.timer === undefined) this.timer = setTimeout(() => this.next(), 0);
    };
    answer.then(after, after);
  }

  private keep(arxivId: string, answer: Promise<T>): void {
    this.kept.delete(arxivId);
    this.kept.set(arxivId, answer);
    for (const oldest of this.kept.keys()) {
      if (this.kept.size <= AHEAD_KEPT) break;
      this.kept.delete(oldest);
    }
  }
}
