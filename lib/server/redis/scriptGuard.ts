import 'server-only';
import { slotOf } from './slot';
import { onEveryPrimary, ownerOf, type RedisClient } from './topology';
import { logFailure } from '../log/logger';

/** Redis answers SCRIPT KILL only once a script has run this long (its `busy-reply-threshold`). */
export const BUSY_THRESHOLD_MS = 500;
/** Every other client sees BUSY from the threshold until the kill, so the kill is tried often. */
const KILL_EVERY_MS = 50;
/** How long a script Redis refuses to kill may still run before Redis is restarted under it. */
const UNKILLABLE_GRACE_MS = 500;

let configured: Promise<void> | undefined;

/** The learner's script wrote and then never finished, so Redis was restarted to stop it. */
export class ScriptStoppedByRestartError extends Error {
  constructor() {
    super('The script wrote to Redis and then never finished; only a restart of Redis could stop it.');
  }
}

/**
 * A script never ends by itself once it loops (`EVAL "while true do end" 0`), and while it runs
 * Redis serves nobody. Lowering the threshold from its 5 s default lets the app kill it within 1 s.
 * A Redis that refuses CONFIG keeps its own threshold. CONFIG is node-local: every primary is set.
 */
export function lowerBusyThreshold(redis: RedisClient): Promise<void> {
  const apply = () =>
    onEveryPrimary(redis, (node) => node.config('SET', 'busy-reply-threshold', String(BUSY_THRESHOLD_MS)))
      .then(() => undefined)
      // A managed Redis may refuse CONFIG; it keeps its own threshold, and scripts are killed later.
      .catch(logFailure('lowering busy-reply-threshold'));
  if (!configured) {
    configured = apply();
    // A Redis that restarted is back at its defaults.
    redis.on('ready', () => void apply());
  }
  return configured;
}

/**
 * Kills the running script while `work` (a learner's EVAL) has not finished after the threshold.
 * The script runs on the node that owns the session's slot (`slotKey`), and only there can it be killed.
 * Redis will not kill a script that has written (it answers UNKILLABLE), because that would leave
 * half its writes behind; then, where `restartable` (npm start's own Redis, which comes back from
 * its append-only file without the script's writes), SHUTDOWN NOSAVE stops it. Anywhere else only
 * Redis's operator can.
 */
export async function killIfRunaway<T>(redis: RedisClient, work: Promise<T>, slotKey: string, restartable: boolean): Promise<T> {
  let done = false;
  let unkillableSince: number | undefined;
  let restarted = false;
  let timer: NodeJS.Timeout | undefined;
  const tryKill = () => {
    if (done) return;
    const owner = ownerOf(redis, slotOf(slotKey));
    if (restartable && unkillableSince !== undefined && performance.now() - unkillableSince >= UNKILLABLE_GRACE_MS) {
      restarted = true;
      // The connection drops as Redis exits, so this never answers.
      owner.then((node) => node.call('SHUTDOWN', 'NOSAVE')).catch(() => undefined);
      return;
    }
    owner
      .then((node) => node.call('SCRIPT', 'KILL'))
      .catch((error: Error) => {
        // NOTBUSY (it finished) is an answer, not a failure.
        if (error.message.startsWith('UNKILLABLE')) unkillableSince ??= performance.now();
      });
    timer = setTimeout(tryKill, KILL_EVERY_MS);
  };
  timer = setTimeout(tryKill, BUSY_THRESHOLD_MS + 10);
  try {
    return await work;
  } catch (error) {
    throw restarted ? new ScriptStoppedByRestartError() : error;
  } finally {
    done = true;
    clearTimeout(timer);
  }
}
