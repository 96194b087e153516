import type { ClientContext, Strategy } from '../strategy';
import { KEYS } from '../value';
import { lockAndPoll, type Releaser } from './shared';

/** Deletes the lock only while it still holds our token (https://redis.io/docs/latest/develop/use/patterns/distributed-locks/). */
export const COMPARE_AND_DELETE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

export function randomToken(ctx: ClientContext): string {
  return `${ctx.id}-${Math.floor(ctx.random() * 2 ** 32).toString(16)}`;
}

const compareAndDelete: Releaser = {
  token: randomToken,
  async release(ctx, token) {
    const deleted = await ctx.redis.eval(COMPARE_AND_DELETE, [KEYS.lock], [token]);
    // 0: the lock expired under us and someone else holds it now; deleting it would be the bug.
    ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
  },
};

export const lockSafe: Strategy = {
  id: 'lock-safe',
  label: 'Lock + token',
  summary: 'Like lock + polling, but the lock holds a random token and only its owner can delete it.',
  initialCache: 'missing',
  serve: (ctx) => lockAndPoll(ctx, compareAndDelete),
};
