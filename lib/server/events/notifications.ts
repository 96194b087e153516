import 'server-only';
import type Redis from 'ioredis';
import { onEveryPrimary, type RedisClient } from '../redis/topology';

/** K: keyspace channels; A: every event class (generic, string, list, set, hash, zset, stream, expired, evicted). */
const NEEDED = ['K', 'A'];

/**
 * Turns on the keyspace notifications the hub needs, keeping any flags already set for other
 * clients. False when the server does not let us (managed Redis services refuse CONFIG). Each
 * node of a cluster notifies only about its own keys, so each primary must be set.
 */
export async function enableKeyspaceEvents(redis: RedisClient): Promise<boolean> {
  return (await onEveryPrimary(redis, enableOn).catch(() => [false])).every(Boolean);
}

async function enableOn(redis: Redis): Promise<boolean> {
  try {
    const [, current = ''] = (await redis.config('GET', 'notify-keyspace-events')) as [string, string];
    // Redis normalises the flags it reports, writing A when every class is on.
    const has = (flag: string) => current.includes(flag);
    if (NEEDED.every(has)) return true;
    await redis.config('SET', 'notify-keyspace-events', `${current}${NEEDED.filter((f) => !has(f)).join('')}`);
    return true;
  } catch {
    return false;
  }
}
