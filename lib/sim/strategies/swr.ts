import type { ClientContext, Strategy } from '../strategy';
import { Crashed } from '../strategy';
import { KEYS } from '../value';
import { COMPARE_AND_DELETE, randomToken } from './lockSafe';
import { lockAndPoll, readCache, regenerate, type Releaser } from './shared';

/** The value outlives its logical TTL by this factor, so there is something stale to serve. */
export const SWR_PHYSICAL_TTL_FACTOR = 3;

const releaser: Releaser = {
  token: randomToken,
  async release(ctx, token) {
    const deleted = await ctx.redis.eval(COMPARE_AND_DELETE, [KEYS.lock], [token]);
    ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
  },
};

async function refresh(ctx: ClientContext, token: string): Promise<void> {
  try {
    await regenerate(ctx, ctx.settings.cacheTtlMs * SWR_PHYSICAL_TTL_FACTOR);
  } catch (error) {
    if (error instanceof Crashed) return;
    ctx.emit('error', `background refresh: ${(error as Error).message}`);
  }
  await releaser.release(ctx, token);
}

/**
 * A stale value is served at once; the one client that wins the lock refreshes it in the
 * background. Only a cold cache (no value at all) makes clients wait, as with a lock.
 */
export const swr: Strategy = {
  id: 'swr',
  label: 'Stale-while-revalidate',
  summary: 'Everyone gets the stale value at once; one client refreshes it in the background.',
  initialCache: 'stale',
  async serve(ctx) {
    const value = await readCache(ctx);
    if (value && value.soft > ctx.clock.epochMs()) return 'fresh';
    if (!value) return lockAndPoll(ctx, releaser);
    const token = randomToken(ctx);
    if (await ctx.redis.set(KEYS.lock, token, ctx.settings.lockTtlMs, true)) {
      ctx.emit('lock-won', 'refreshes in the background');
      ctx.background(refresh(ctx, token));
    } else {
      ctx.emit('lock-lost', 'someone is refreshing');
    }
    return 'stale';
  },
};
