import type { SimSettings } from './settings';
import { SWR_PHYSICAL_TTL_FACTOR } from './strategies/swr';
import type { SimRedis } from './types';
import { jitteredTtl } from './ttlJitter';
import { encodeValue, type RaceKeys } from './value';

export type StartingCache = 'missing' | 'stale' | 'fresh';

/**
 * The state an expired key leaves behind: nothing, a stale value, or one about to expire. Every
 * cache key is written at once, as a deploy or a cache warm-up writes them; with TTL jitter each
 * gets its own TTL, so they expire apart. `now` is the epoch ms the values' logical expiry counts from.
 */
export async function writeStartingCache(redis: SimRedis, keySet: RaceKeys[], settings: SimSettings, state: StartingCache, now: number): Promise<void> {
  const { cacheTtlMs, backendLatencyMs } = settings;
  // The keys are the race's own and new, so there is nothing to clear first.
  await Promise.all(
    keySet.map((keys, k) => {
      if (state === 'stale') {
        return redis.set(keys.data, encodeValue({ v: 'stale value', soft: now - 1, delta: backendLatencyMs }), cacheTtlMs * SWR_PHYSICAL_TTL_FACTOR);
      }
      if (state !== 'fresh') return;
      const ttl = jitteredTtl(settings, -1 - k);
      return redis.set(keys.data, encodeValue({ v: 'initial value', soft: now + ttl, delta: backendLatencyMs }), ttl);
    }),
  );
}

/**
 * Ms into the race at which the value the clients found first would expire, if there was one: its
 * TTL after it was written (`writtenAt`, ms into the race), not after the start, or a busy machine's
 * slow set-up would seem to move the expiry earlier than the readers saw it.
 */
export function startingExpiry(settings: SimSettings, state: StartingCache, writtenAt: number): number | null {
  return state === 'fresh' ? writtenAt + jitteredTtl(settings, -1) : state === 'stale' ? 0 : null;
}
