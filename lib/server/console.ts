import 'server-only';
import { commandTable } from './commands/commandTable';
import { runScript, type LineResult } from './commands/executor';
import type { Session } from './http/session';
import { appRedis } from './redis/client';
import { config } from './config';
import { HttpError } from './http/errors';
import { killIfRunaway, lowerBusyThreshold, ScriptStoppedByRestartError } from './redis/scriptGuard';
import { splitScript } from '@/lib/cli/script';
import { appendCommandLog } from './session/commandLog';
import { withQuota } from './session/quota';
import { startIdleSweeper, touchSession } from './session/lifecycle';
import { spendCommandBudget } from './session/rateLimit';
import { consoleFor, isolationMode } from './session/consoles';
import { scriptsOffReason, turnScriptsOff } from './session/scriptsOff';

const SCRIPT_COMMAND = /^\s*(eval|evalsha|eval_ro|evalsha_ro)\s/im;

/** Runs a learner's script on their own connection, confined to their namespace, and logs it. */
export async function runLearnerScript(session: Session, script: string): Promise<LineResult[]> {
  const redis = appRedis();
  startIdleSweeper(redis);
  await spendCommandBudget(redis, session.namespace, splitScript(script).length, (batch) => touchSession(batch, session.namespace));
  const [table, connection, mode] = await Promise.all([commandTable(), consoleFor(session.namespace), isolationMode(), lowerBusyThreshold(redis)]);
  const run = runScript(script, {
    table,
    prefix: session.namespace.prefix,
    scriptsOff: scriptsOffReason(session.namespace, mode),
    send: withQuota(session.namespace, table, (commands) => connection.send(commands)),
  });
  const results = await (SCRIPT_COMMAND.test(script) ? guardScript(session, redis, run) : run);
  // The answer does not wait for the log. Whatever reads it later (this request's lesson check, the
  // next run) goes out after it on this same connection, and Redis runs one connection's commands
  // in order, so it sees this run. If the write fails, Redis has just gone away: the learner has
  // their results, and only a lesson step misses this run.
  appendCommandLog(redis, session.namespace, results).catch(() => undefined);
  return results;
}

async function guardScript<T>(session: Session, redis: ReturnType<typeof appRedis>, run: Promise<T>): Promise<T> {
  try {
    return await killIfRunaway(redis, run, session.namespace.prefix, config().redisSupervised);
  } catch (error) {
    if (!(error instanceof ScriptStoppedByRestartError)) throw error;
    turnScriptsOff(session.namespace);
    throw new HttpError(
      422,
      'Your script wrote to Redis and then never finished, and Redis cannot stop such a script, so the playground restarted Redis; ' +
        'nothing your script wrote was kept. Scripts are off for your session for an hour.',
    );
  }
}
