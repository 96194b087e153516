import type { ClientContext, Strategy } from '../strategy';
import { randomToken } from './lockSafe';
import { NoticeBoard, type Notice } from './noticeBoard';
import { readCache, underLock } from './shared';

const BOARD = 'notify:board';

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

/** The lock holder's part; kept out of `serve` so the closures it needs are made by one client, not every waiter. */
async function regenerateAndPublish(ctx: ClientContext, token: string): Promise<void> {
  let published = false;
  await underLock(
    ctx,
    async () => {
      if (published) return;
      const deleted = await ctx.redis.eval(FAIL_AND_RELEASE, [ctx.keys.lock, ctx.keys.release], [token]);
      ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
    },
    async () => {
      const encoded = await ctx.compute();
      const deleted = await ctx.redis.eval(WRITE_PUBLISH_RELEASE, [ctx.keys.data, ctx.keys.lock, ctx.keys.release], [encoded, ctx.settings.cacheTtlMs, token]);
      published = true;
      ctx.emit('set', 'and published');
      ctx.emit(deleted === 1 ? 'release' : 'release-refused', 'compare-and-delete');
    },
  );
}

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
  knobs: ['lockTtlMs', 'instances'],
  async start(run) {
    const closers = await Promise.all(
      run.processes.map((process) => {
        // A crashed holder never publishes: after the lock's TTL a waiter tries again.
        const board = new NoticeBoard(run.clock, run.settings.lockTtlMs);
        process.memory.set(BOARD, board);
        return run.redis.subscribe(run.keys.release, (message) => board.deliver(JSON.parse(message) as Notice));
      }),
    );
    return async () => void (await Promise.all(closers.map((close) => close())));
  },
  async serve(ctx) {
    const board = ctx.process.memory.get(BOARD) as NoticeBoard;
    for (;;) {
      ctx.checkDeadline();
      if (await readCache(ctx)) return 'fresh';
      const listening = board.listen();
      const token = randomToken(ctx);
      if (await ctx.redis.set(ctx.keys.lock, token, ctx.settings.lockTtlMs, true)) {
        ctx.emit('lock-won');
        await regenerateAndPublish(ctx, token);
        return 'fresh';
      }
      ctx.emit('lock-lost');
      ctx.emit('wait', 'for the release notice');
      const heard = await board.wait(listening);
      if (heard?.ok) {
        ctx.emit('notified', 'value in the message');
        return 'fresh';
      }
      ctx.emit('notified', heard ? 'regeneration failed, trying again' : 'no notice within the lock TTL');
    }
  },
};
