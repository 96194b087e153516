import type { Strategy } from '../strategy';
import { holderOf } from '../value';
import { lockAndPoll, type Releaser } from './shared';

/**
 * Releases with a plain delete, whatever the lock holds. If the lock expired while the holder
 * worked and another client took it, this deletes that client's lock: the bug lock-safe exists to
 * show. GETDEL deletes exactly as DEL does, and its reply says whose lock went, so the theft is
 * recorded from what Redis held, not guessed.
 */
const plainDel: Releaser = {
  token: (ctx) => `client-${ctx.id}`,
  async release(ctx, token) {
    const held = await ctx.redis.getdel(ctx.keys.lock);
    if (held === null) ctx.emit('release', 'DEL: the lock had already expired');
    else if (held === token) ctx.emit('release', 'DEL');
    else ctx.emit('release-stolen', `DEL removed client #${holderOf(held) ?? '?'}'s lock`);
  },
};

export const lockPoll: Strategy = {
  id: 'lock-poll',
  label: 'Lock + polling',
  summary: 'SET NX PX takes a lock; the winner regenerates, the others poll with backoff.',
  initialCache: 'missing',
  knobs: ['lockTtlMs', 'pollIntervalMs'],
  serve: (ctx) => lockAndPoll(ctx, plainDel),
};
