import { describe, expect, it } from 'vitest';
import type { TimedReply } from '../redis/consoleConnection';
import { KEY_CHANGES_PER_10S } from '../events/changeRate';
import { CHUNK_TARGET_BYTES, RunBudget } from './runBudget';

const replies = (count: number, bytes: number): TimedReply[] => Array.from({ length: count }, () => ({ reply: { type: 'nil' }, ms: 0, bytes }));

describe("a run's budget", () => {
  it('starts with one command and doubles while commands are cheap', () => {
    const budget = new RunBudget();
    const sizes = [budget.nextChunk];
    for (let i = 0; i < 5; i += 1) {
      budget.spent(1, budget.nextChunk, replies(budget.nextChunk, 10));
      sizes.push(budget.nextChunk);
    }
    expect(sizes).toEqual([1, 2, 4, 8, 16, 32]);
    expect(budget.exhausted).toBeUndefined();
  });

  it('stops a run once the session’s keys changed more often than their share, however cheap its commands', () => {
    let changes = KEY_CHANGES_PER_10S;
    const budget = new RunBudget(() => changes);
    expect(budget.exhausted).toBeUndefined();
    changes += 1;
    expect(budget.exhausted).toBe('100,000 changes to keys in 10 s');
  });

  it('shrinks a chunk to what fits 50 ms of Redis time, and to what fits its share of reply bytes', () => {
    const slow = new RunBudget();
    slow.spent(1, 1, replies(1, 10));
    slow.spent(1, 2, replies(2, 10));
    slow.spent(200, 4, replies(4, 10));
    expect(slow.nextChunk).toBe(1);
    const big = new RunBudget();
    big.spent(1, 1, replies(1, 10));
    big.spent(1, 2, replies(2, CHUNK_TARGET_BYTES));
    expect(big.nextChunk).toBe(1);
  });

  it("stops after 2 s of Redis time or 16 MB of replies, not counting a blocking command's wait", () => {
    const waiting = new RunBudget();
    waiting.spent(5_000, 1, replies(1, 10), true);
    expect(waiting.exhausted).toBeUndefined();
    const busy = new RunBudget();
    busy.spent(2_001, 10, replies(10, 10));
    expect(busy.exhausted).toBe("2 s of the shared Redis's time");
    const chatty = new RunBudget();
    chatty.spent(10, 1, replies(1, 17 * 1024 * 1024));
    expect(chatty.exhausted).toBe('16 MB of replies');
  });
});
