import 'server-only';
import { slotOf } from './slot';
import { onEveryPrimary, ownerOf, type RedisClient } from './topology';

/** Redis answers SCRIPT KILL only once a script has run this long (its `busy-reply-threshold`). */
export const BUSY_THRESHOLD_MS = 500;
const KILL_EVERY_MS = 250;

let configured: Promise<void> | undefined;

/**
 * A script never ends by itself once it loops (`EVAL "while true do end" 0`), and while it runs
 * Redis serves nobody. Lowering the threshold from its 5 s default lets the app kill it within 1 s.
 * A Redis that refuses CONFIG keeps its own threshold. CONFIG is node-local: every primary is set.
 */
export function lowerBusyThreshold(redis: RedisClient): Promise<void> {
  configured ??= onEveryPrimary(redis, (node) => node.config('SET', 'busy-reply-threshold', String(BUSY_THRESHOLD_MS)))
    .then(() => undefined)
    .catch(() => undefined);
  return configured;
}

/**
 * Kills the running script while `work` (a learner's EVAL) has not finished after the threshold.
 * The script runs on the node that owns the session's slot (`slotKey`), and only there can it be killed.
 */
export async function killIfRunaway<T>(redis: RedisClient, work: Promise<T>, slotKey: string): Promise<T> {
  let done = false;
  let timer: NodeJS.Timeout | undefined;
  const tryKill = () => {
    if (done) return;
    // NOTBUSY (it finished) and UNKILLABLE (it already wrote) are both answers, not failures here.
    ownerOf(redis, slotOf(slotKey))
      .then((node) => node.call('SCRIPT', 'KILL'))
      .catch(() => undefined);
    timer = setTimeout(tryKill, KILL_EVERY_MS);
  };
  timer = setTimeout(tryKill, BUSY_THRESHOLD_MS + 50);
  try {
    return await work;
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
