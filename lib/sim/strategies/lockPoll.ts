import type { Strategy } from '../strategy';
import { KEYS } from '../value';
import { lockAndPoll, type Releaser } from './shared';

/**
 * Releases with a plain DEL. If the lock expired while the holder worked, this deletes the next
 * holder's lock: the bug lock-safe exists to show.
 */
const plainDel: Releaser = {
  token: (ctx) => `client-${ctx.id}`,
  async release(ctx) {
    await ctx.redis.del(KEYS.lock);
    ctx.emit('release', 'DEL');
  },
};

export const lockPoll: Strategy = {
  id: 'lock-poll',
  label: 'Lock + polling',
  summary: 'SET NX PX takes a lock; the winner regenerates, the others poll with backoff.',
  initialCache: 'missing',
  serve: (ctx) => lockAndPoll(ctx, plainDel),
};
