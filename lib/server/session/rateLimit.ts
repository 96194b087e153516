import 'server-only';
import type { ChainableCommander } from 'ioredis';
import { settings } from '../config';
import { isCluster, type RedisClient } from '../redis/topology';
import { DomainError } from '../errors';
import { retryWhileBusy } from '../redis/busy';
import type { Namespace } from './namespace';
import { recordRateLimit } from '../metrics/record';

const WINDOW_S = 10;

/** Commands a session may send per 10 s window; generous for a learner, a wall for a flood. */
function commandBudget(): number {
  return settings().commandsPer10s;
}

/**
 * Counts a run's commands against the session's budget, in Redis so that every app instance
 * shares the count. The count slides: the last window's count weighs in by how much of it the
 * last 10 s still covers, so a flood cannot spend two budgets across a window's edge (and two runs
 * a moment apart count together wherever the edge falls). `alongside` adds the caller's own commands to the same MULTI, so everything a
 * run needs before it starts costs one round trip. Throws a 429 with a sentence when the budget is
 * spent.
 */
export async function spendCommandBudget(
  redis: RedisClient,
  namespace: Namespace,
  commands: number,
  alongside: (batch: ChainableCommander) => void = () => undefined,
): Promise<void> {
  const now = Date.now() / (WINDOW_S * 1000);
  const window = Math.floor(now);
  const key = namespace.keys.rate(window);
  const spend = async () => {
    const batch = redis
      .multi()
      .incrby(key, commands)
      .expire(key, WINDOW_S * 2);
    // A cluster's MULTI takes the keys of one slot only (CROSSSLOT otherwise), and the caller's may
    // live in another: there they go in a MULTI of their own, sent at the same time.
    const theirs = isCluster(redis) ? redis.multi() : batch;
    alongside(theirs);
    // The last window's count is read beside the MULTI, not in it: a MULTI of two keys is refused
    // (TRYAGAIN) while a cluster moves their slot and one of them has not been written.
    return (await Promise.all([batch.exec(), redis.get(namespace.keys.rate(window - 1)), theirs === batch ? null : theirs.exec()])) as [
      [[null, number]],
      string | null,
      unknown,
    ];
  };
  // Another learner's script may hold Redis for a moment; this run waits rather than fails.
  const [[[, current]], previous] = await retryWhileBusy(spend);
  const used = current + Number(previous ?? 0) * (1 - (now - window));
  if (used > commandBudget()) {
    recordRateLimit(namespace.id, commands, commandBudget());
    throw new DomainError(
      'over-quota',
      `You sent more than ${commandBudget().toLocaleString('en')} commands in ${WINDOW_S} seconds. Wait a few seconds, then run again.`,
    );
  }
}
