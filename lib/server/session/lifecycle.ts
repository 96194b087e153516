import 'server-only';
import type { ChainableCommander } from 'ioredis';
import { settings } from '../config';
import { isCluster, scanTargets, type RedisClient } from '../redis/topology';
import { slotOfPattern } from '../redis/slot';
import { removeSessionUser } from './acl';
import type { Namespace } from './namespace';
import { logFailure } from '../log/logger';
import { processGlobal } from '../processGlobal';
import { SESSIONS_KEY, sessionKeys } from '../redisKeys';

const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 50;

/** How long a session may sit unused before its keys and its Redis user are removed. */
function sessionIdleMs(): number {
  return settings().sessionIdleMinutes * 60_000;
}

/** Marks the session active, as one more command of a batch the caller sends with its own work. */
export function touchSession(batch: ChainableCommander, namespace: Namespace, now = Date.now()): ChainableCommander {
  return batch.zadd(SESSIONS_KEY, now, namespace.id);
}

/**
 * Deletes every key matching a glob, in batches, without blocking Redis. On a cluster, keys of
 * different slots cannot share one UNLINK, so a pattern without a hash tag unlinks key by key.
 */
export async function unlinkMatching(redis: RedisClient, pattern: string): Promise<void> {
  const oneSlot = !isCluster(redis) || slotOfPattern(pattern) !== undefined;
  for (const node of await scanTargets(redis, pattern)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await (oneSlot ? redis.unlink(...keys) : Promise.all(keys.map((key) => redis.unlink(key))));
    } while (cursor !== '0');
  }
}

/** Removes everything of sessions idle longer than `idleMs`: their keys, app data and Redis user. */
export async function sweepIdleSessions(redis: RedisClient, idleMs: number, now = Date.now()): Promise<string[]> {
  const idle = await redis.zrangebyscore(SESSIONS_KEY, 0, now - idleMs, 'LIMIT', 0, SWEEP_BATCH);
  for (const id of idle) {
    for (const pattern of sessionKeys(id).all) await unlinkMatching(redis, pattern);
    await removeSessionUser(redis, `sl-${id}`).catch(logFailure("removing an idle session's Redis user", { session: id }));
    await redis.zrem(SESSIONS_KEY, id);
  }
  return idle;
}

/** Every app instance sweeps; the work is idempotent, so they need no coordination. */
export function startIdleSweeper(redis: RedisClient): void {
  processGlobal('idleSweeper', () =>
    setInterval(() => {
      sweepIdleSessions(redis, sessionIdleMs()).catch(logFailure('sweeping idle sessions'));
    }, SWEEP_EVERY_MS).unref(),
  );
}
