import 'server-only';
import type { RedisOptions } from 'ioredis';
import type { KeyNotice } from '@/lib/sim/types';
import type { RedisEndpoint } from '../configSchema';
import { enableKeyspaceEvents } from '../events/notifications';
import { appRedis, nodeConnection, quiet } from '../redis/client';
import type { PipelinedConnection } from '../redis/pipelinedConnection';
import { logFailure } from '../log/logger';

const SUBSCRIBER_OPTIONS: RedisOptions = { enableReadyCheck: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 };
/** Keys whose value names the holder: the lock's token says whose lock it is. */
type Watched = { full: string; name: string; readValue: boolean };

/**
 * Follows a race's keys through Redis's keyspace notifications, on the node that holds them (a
 * cluster node notifies only about its own keys). After a write it reads the key's TTL (PTTL,
 * by Redis's own clock) and, for the lock, its value, on the race's own connection. Resolves once
 * subscribed (or, where Redis refuses notifications or the subscriber, with nothing watched, logged
 * once); the function it answers waits until every notice published so far has arrived.
 */
export async function watchKeys(
  endpoint: RedisEndpoint,
  main: PipelinedConnection,
  keys: Watched[],
  onNotice: (notice: KeyNotice) => void,
): Promise<() => Promise<void>> {
  const subscriber = quiet(nodeConnection(endpoint, SUBSCRIBER_OPTIONS));
  const byChannel = new Map(keys.map((key) => [`__keyspace@${endpoint.db}__:${key.full}`, key]));
  try {
    const [enabled] = await Promise.all([enableKeyspaceEvents(appRedis()), subscriber.subscribe(...byChannel.keys())]);
    if (!enabled) throw new Error('Redis does not let the app switch on keyspace notifications');
  } catch (error) {
    // The race runs all the same, without key events: watching its keys is not worth stopping it.
    logFailure('watching a race’s keys', { keys: keys.map((key) => key.name) })(error);
    subscriber.disconnect();
    return async () => undefined;
  }
  const pending: Promise<unknown>[] = [];
  let last = '';
  subscriber.on('message', (channel: string, event: string) => {
    const key = byChannel.get(channel);
    if (!key) return;
    // SET … PX notifies "set" and then "expire": one write, one event.
    const folded = event === 'expire' && last === `${channel} set`;
    last = `${channel} ${event}`;
    if (folded) return;
    if (event === 'del' || event === 'expired' || event === 'evicted' || event === 'rename_from' || event === 'move_from') {
      onNotice({ key: key.name, event });
      return;
    }
    // PTTL by Redis's own clock, read just after the notice: never more than was set, at most one round
    // trip less than at the notice (an estimate of Redis's clock from here could overshoot on a busy machine).
    const reads = [key.readValue ? main.call(['GET', key.full]) : null, main.call(['PTTL', key.full])] as const;
    const state = Promise.all(reads).then(([value, pttl]) => ({
      value: value === null ? null : String(value),
      ttlMs: Number(pttl) >= 0 ? Number(pttl) : null,
    }));
    pending.push(state.catch(() => undefined));
    onNotice({ key: key.name, event, state });
  });
  return async () => {
    // The unsubscribe's reply comes after every message published before it.
    await subscriber.unsubscribe().catch(logFailure("unsubscribing a race's key watch"));
    subscriber.disconnect();
    await Promise.all(pending);
  };
}
