import 'server-only';
import type { RedisClient } from '../redis/topology';

const REFRESH_MS = 30_000;
let offsetMs = 0;
let refreshedAt = 0;

/**
 * Redis's clock, as estimated from this process: expiry times come from Redis, so countdowns are
 * computed against Redis's `TIME`, not against any machine's own clock.
 */
export async function redisNow(redis: RedisClient): Promise<number> {
  if (Date.now() - refreshedAt > REFRESH_MS) {
    const before = Date.now();
    const [seconds, micros] = (await redis.time()) as [string | number, string | number];
    const after = Date.now();
    offsetMs = Number(seconds) * 1000 + Number(micros) / 1000 - (before + after) / 2;
    refreshedAt = after;
  }
  return Date.now() + offsetMs;
}
