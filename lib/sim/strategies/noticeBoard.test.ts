import { describe, expect, it } from 'vitest';
import { ManualClock } from '../manualClock';
import { NoticeBoard } from './noticeBoard';

describe('the notice board of one simulated process', () => {
  it('wakes every waiter with the holder’s notice, and a waiter who listened before it even if it asks after', async () => {
    const board = new NoticeBoard(new ManualClock(), 1_000);
    const early = board.listen();
    const waiting = [board.wait(board.listen()), board.wait(board.listen())];
    board.deliver({ ok: true, value: 'v' });
    expect(await Promise.all(waiting)).toEqual([
      { ok: true, value: 'v' },
      { ok: true, value: 'v' },
    ]);
    expect(await board.wait(early)).toEqual({ ok: true, value: 'v' });
  });

  it('gives up on a crashed holder after the lock TTL, on the injected clock', async () => {
    const clock = new ManualClock();
    const board = new NoticeBoard(clock, 1_000);
    let heard: unknown = 'pending';
    void board.wait(board.listen()).then((notice) => (heard = notice));
    await clock.advance(999);
    expect(heard).toBe('pending');
    await clock.advance(2);
    expect(heard).toBeNull();
  });
});
