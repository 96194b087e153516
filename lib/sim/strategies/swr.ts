import type { ClientContext, Strategy } from '../strategy';
import { Crashed } from '../strategy';
import { COMPARE_AND_DELETE, randomToken } from './lockSafe';
import { lockAndPoll, readCache, regenerate, type Releaser } from './shared';

/** The value outlives its logical TTL by this factor, so there is something stale to serve. */
export const SWR_PHYSICAL_TTL_FACTOR = 3;

const releaser: Releaser = {
  token: randomToken,
  async release(ctx, token) {
    const deleted = await ctx.redis.eval(COMPARE_AND_DELETE, [ctx.keys.lock], [token]);
    ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
  },
};

/**
 * Checks again under the lock first: a reader whose GET saw the stale value, but whose SET NX
 * landed after another refresher had written and released, must not refresh a second time.
 */
async function refresh(ctx: ClientContext, token: string): Promise<void> {
  try {
    const now = await readCache(ctx, 'double-check');
    if (!now || now.soft <= ctx.clock.epochMs()) await regenerate(ctx, ctx.settings.cacheTtlMs * SWR_PHYSICAL_TTL_FACTOR);
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
  knobs: ['lockTtlMs', 'pollIntervalMs'],
  async serve(ctx) {
    const value = await readCache(ctx);
    if (value && value.soft > ctx.clock.epochMs()) return 'fresh';
    if (!value) return lockAndPoll(ctx, releaser);
    const token = randomToken(ctx);
    if (await ctx.redis.set(ctx.keys.lock, token, ctx.settings.lockTtlMs, true)) {
      ctx.emit('lock-won', 'refreshes in the background');
      ctx.background(refresh(ctx, token));
    } else {
      ctx.emit('lock-lost', 'someone is refreshing');
    }
    return 'stale';
  },
};
