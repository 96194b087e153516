import { Crashed, type ClientContext, type Served } from '../strategy';
import { decodeValue, type CachedValue } from '../value';

/**
 * GET the cached value, logging a hit, a stale hit, or a miss. A `.then` rather than an async
 * function: every client of a burst is in here at once, and an async frame each costs more.
 */
export function readCache(ctx: ClientContext, note?: string): Promise<CachedValue | null> {
  return ctx.redis.get(ctx.keys.data).then((raw) => {
    const value = decodeValue(raw);
    ctx.emit(value === null ? 'miss' : value.soft <= ctx.clock.epochMs() ? 'stale' : 'hit', note);
    return value;
  });
}

/** Computes the value and SETs it with the given physical TTL. */
export async function regenerate(ctx: ClientContext, physicalTtlMs = ctx.settings.cacheTtlMs): Promise<void> {
  const encoded = await ctx.compute();
  await ctx.redis.set(ctx.keys.data, encoded, physicalTtlMs);
  ctx.emit('set');
}

/** How a lock is named and released: plain DEL (lock-poll) or compare-and-delete (lock-safe). */
export interface Releaser {
  token(ctx: ClientContext): string;
  release(ctx: ClientContext, token: string): Promise<void>;
}

/**
 * The classic loop: GET, on a miss try SET NX PX, the winner double-checks and regenerates, the
 * losers sleep with exponential backoff and jitter (the jitter keeps them from polling in step).
 */
export async function lockAndPoll(ctx: ClientContext, releaser: Releaser, whileHeld?: (ctx: ClientContext, token: string) => () => void): Promise<Served> {
  const { pollIntervalMs, pollBackoff, maxPollIntervalMs, lockTtlMs } = ctx.settings;
  let interval = pollIntervalMs;
  for (;;) {
    ctx.checkDeadline();
    if (await readCache(ctx)) return 'fresh';
    const token = releaser.token(ctx);
    if (await ctx.redis.set(ctx.keys.lock, token, lockTtlMs, true)) {
      ctx.emit('lock-won');
      const stop = whileHeld?.(ctx, token);
      try {
        await underLock(
          ctx,
          () => releaser.release(ctx, token),
          () => regenerate(ctx),
        );
      } finally {
        // A holder that is done, failed or crashed extends nothing any more.
        stop?.();
      }
      return 'fresh';
    }
    ctx.emit('lock-lost');
    const pause = interval * (0.75 + ctx.random() / 2);
    ctx.emit('wait', `${Math.round(pause)} ms`);
    await ctx.clock.sleep(pause);
    interval = Math.min(interval * pollBackoff, maxPollIntervalMs);
  }
}

/**
 * Double-check after winning (someone may have written the value between our GET and our SET NX),
 * then do the work and release, unless the process crashed: a dead process releases nothing.
 */
export async function underLock(ctx: ClientContext, release: () => Promise<void>, work: () => Promise<void>): Promise<void> {
  let crashed = false;
  try {
    if (await readCache(ctx, 'double-check')) return;
    await work();
  } catch (error) {
    crashed = error instanceof Crashed;
    throw error;
  } finally {
    if (!crashed) await release();
  }
}
