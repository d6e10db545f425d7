import { describe, expect, it } from 'vitest';
import { EarlyAnswer } from '@/src/background/early-answer';

describe('EarlyAnswer', () => {
  it('hands the held answer to the first question for its key only, and only while it is fresh', async () => {
    const early = new EarlyAnswer<string>();
    const answer = Promise.resolve('made early');
    early.hold('2402.19427', answer, 1_000);
    expect(early.pending('2402.19427')).toBe(answer);
    expect(early.take('1706.03762', 1_500)).toBeUndefined(); // another page: kept
    expect(early.take('2402.19427', 1_500)).toBe(answer);
    expect(early.take('2402.19427', 1_600)).toBeUndefined(); // once
    early.hold('2402.19427', answer, 1_000);
    expect(early.take('2402.19427', 11_001)).toBeUndefined(); // older than 10 s
    early.hold('2402.19427', answer, 1_000);
    early.drop();
    expect(early.pending('2402.19427')).toBeUndefined();
    await expect(answer).resolves.toBe('made early');
  });
});
