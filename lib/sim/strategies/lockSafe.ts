import type { ClientContext, Strategy } from '../strategy';
import { lockAndPoll, type Releaser } from './shared';

/** Deletes the lock only while it still holds our token (https://redis.io/docs/latest/develop/use/patterns/distributed-locks/). */
export const COMPARE_AND_DELETE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

/** `x.toString(16)` for a 32-bit x, by halves: small integers take V8's fast path, and a burst makes 10,000 tokens. */
function hex32(x: number): string {
  const high = x >>> 16;
  const low = (x & 0xffff).toString(16);
  return high ? high.toString(16) + low.padStart(4, '0') : low;
}

export function randomToken(ctx: ClientContext): string {
  return `${ctx.id}-${hex32(Math.floor(ctx.random() * 2 ** 32))}`;
}

const compareAndDelete: Releaser = {
  token: randomToken,
  async release(ctx, token) {
    const deleted = await ctx.redis.eval(COMPARE_AND_DELETE, [ctx.keys.lock], [token]);
    // 0: the lock expired under us and someone else holds it now; deleting it would be the bug.
    ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
  },
};

/** Extends the lock only while it still holds our token: a holder whose lock passed to another must not extend that one. */
const COMPARE_AND_EXTEND = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";

/**
 * The watchdog (as Redisson's): while the holder works, it extends its lock every third of the
 * lock TTL, so a slow regeneration keeps it. It cannot save a paused process: a holder that stops
 * running stops extending, and its lock expires as before.
 */
function watchdog(ctx: ClientContext, token: string): () => void {
  let stopped = false;
  const every = ctx.settings.lockTtlMs / 3;
  // Paced from when each extension was sent, not from its reply, so a slow round trip does not
  // stretch the period: on a busy server, waiting a third of the TTL after every reply let the
  // lock expire between two extensions.
  const extend = async (wait: number): Promise<void> => {
    await ctx.clock.sleep(wait);
    if (stopped) return;
    const sent = ctx.clock.now();
    const extended = await ctx.redis.eval(COMPARE_AND_EXTEND, [ctx.keys.lock], [token, ctx.settings.lockTtlMs]).catch(() => 0);
    if (stopped) return;
    if (extended === 1) return extend(Math.max(0, every - (ctx.clock.now() - sent)));
    ctx.emit('lock-lost', 'watchdog: the lock is no longer ours');
  };
  void extend(every);
  return () => void (stopped = true);
}

export const lockSafe: Strategy = {
  id: 'lock-safe',
  label: 'Lock + token',
  summary: 'Like lock + polling, but the lock holds a random token and only its owner can delete it.',
  initialCache: 'missing',
  knobs: ['lockTtlMs', 'pollIntervalMs', 'watchdog'],
  serve: (ctx) => lockAndPoll(ctx, compareAndDelete, ctx.settings.watchdog ? watchdog : undefined),
};
