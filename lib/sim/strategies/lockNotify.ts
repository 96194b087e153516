import type { Strategy } from '../strategy';
import { KEYS } from '../value';
import { randomToken } from './lockSafe';
import { readCache, underLock } from './shared';

type Notice = { ok: true; value: string } | { ok: false };
type Waiter = (notice: Notice) => void;
const WAITERS = 'notify:waiters';

/**
 * Writes the value, tells every waiter (the value travels in the message, so nobody needs another
 * GET) and releases the lock if it is still ours, in one round trip. The channel is a sharded one
 * (SPUBLISH), passed as a key so it gets the session's prefix and, on a cluster, the session's slot.
 */
const WRITE_PUBLISH_RELEASE = `
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SPUBLISH', KEYS[3], cjson.encode({ok = true, value = ARGV[1]}))
if redis.call('GET', KEYS[2]) == ARGV[3] then return redis.call('DEL', KEYS[2]) end
return 0`;

const FAIL_AND_RELEASE = `
redis.call('SPUBLISH', KEYS[2], '{"ok":false}')
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * Waiters sleep until the holder publishes, instead of polling. Each simulated process has one
 * subscriber connection that fans a notice out to all of its waiters, so 10,000 clients cost P
 * connections, not 10,000.
 */
export const lockNotify: Strategy = {
  id: 'lock-notify',
  label: 'Lock + notify',
  summary: 'Waiters are told over pub/sub when the value is ready, and the message carries it.',
  initialCache: 'missing',
  async start(run) {
    const closers = await Promise.all(
      run.processes.map((process) => {
        const waiters = new Set<Waiter>();
        process.memory.set(WAITERS, waiters);
        return run.redis.subscribe(KEYS.release, (message) => {
          const notice = JSON.parse(message) as Notice;
          for (const waiter of waiters) waiter(notice);
          waiters.clear();
        });
      }),
    );
    return async () => void (await Promise.all(closers.map((close) => close())));
  },
  async serve(ctx) {
    const waiters = ctx.process.memory.get(WAITERS) as Set<Waiter>;
    for (;;) {
      ctx.checkDeadline();
      if (await readCache(ctx)) return 'fresh';
      // Listen before asking for the lock: a release published after our SET NX reaches us.
      let waiter!: Waiter;
      const notice = new Promise<Notice>((resolve) => (waiter = resolve));
      waiters.add(waiter);
      const token = randomToken(ctx);
      const won = await ctx.redis.set(KEYS.lock, token, ctx.settings.lockTtlMs, true);
      if (won) {
        waiters.delete(waiter);
        ctx.emit('lock-won');
        let published = false;
        await underLock(
          ctx,
          async () => {
            if (published) return;
            const deleted = await ctx.redis.eval(FAIL_AND_RELEASE, [KEYS.lock, KEYS.release], [token]);
            ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
          },
          async () => {
            const encoded = await ctx.compute();
            const deleted = await ctx.redis.eval(WRITE_PUBLISH_RELEASE, [KEYS.data, KEYS.lock, KEYS.release], [encoded, ctx.settings.cacheTtlMs, token]);
            published = true;
            ctx.emit('set', 'and published');
            ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
          },
        );
        return 'fresh';
      }
      ctx.emit('lock-lost');
      ctx.emit('wait', 'for the release notice');
      // A crashed holder never publishes: after the lock's TTL the waiter tries again.
      const heard = await Promise.race([notice, ctx.clock.sleep(ctx.settings.lockTtlMs).then(() => null)]);
      waiters.delete(waiter);
      if (heard?.ok) {
        ctx.emit('notified', 'value in the message');
        return 'fresh';
      }
      ctx.emit('notified', heard ? 'regeneration failed, trying again' : 'no notice within the lock TTL');
    }
  },
};
