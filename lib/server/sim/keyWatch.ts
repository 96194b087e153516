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
 * cluster node notifies only about its own keys). After a write it reads the key's TTL
 * (PEXPIRETIME) and, for the lock, its value, on the race's own connection, and turns the expiry
 * into the TTL left at the moment of the notice with Redis's clock (TIME, read once). Resolves once
 * subscribed; the function it answers waits until every notice published so far has arrived.
 */
export async function watchKeys(
  endpoint: RedisEndpoint,
  main: PipelinedConnection,
  keys: Watched[],
  onNotice: (notice: KeyNotice) => void,
): Promise<() => Promise<void>> {
  const subscriber = quiet(nodeConnection(endpoint, SUBSCRIBER_OPTIONS));
  const byChannel = new Map(keys.map((key) => [`__keyspace@${endpoint.db}__:${key.full}`, key]));
  const asked = Date.now();
  const [enabled, [seconds, micros]] = await Promise.all([
    enableKeyspaceEvents(appRedis()),
    main.call(['TIME']) as Promise<[string, string]>,
    subscriber.subscribe(...byChannel.keys()),
  ]);
  // Redis's clock minus ours, taken at the middle of the round trip.
  const offset = Number(seconds) * 1000 + Number(micros) / 1000 - (asked + Date.now()) / 2;
  if (!enabled) {
    subscriber.disconnect();
    return async () => undefined;
  }
  const reads: Promise<unknown>[] = [];
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
    const redisNow = Date.now() + offset;
    const state = Promise.all([key.readValue ? main.call(['GET', key.full]) : null, main.call(['PEXPIRETIME', key.full])]).then(([value, expireAt]) => ({
      value: value === null ? null : String(value),
      ttlMs: Number(expireAt) >= 0 ? Math.max(0, Math.round(Number(expireAt) - redisNow)) : null,
    }));
    reads.push(state.catch(() => undefined));
    onNotice({ key: key.name, event, state });
  });
  return async () => {
    // The unsubscribe's reply comes after every message published before it.
    await subscriber.unsubscribe().catch(logFailure("unsubscribing a race's key watch"));
    subscriber.disconnect();
    await Promise.all(reads);
  };
}
