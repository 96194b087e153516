import 'server-only';
import { commandTable } from './commands/commandTable';
import { runScript, type LineResult } from './commands/executor';
import type { Session } from './http/session';
import { appRedis } from './redis/client';
import { killIfRunaway, lowerBusyThreshold } from './redis/scriptGuard';
import { splitScript } from '@/lib/cli/script';
import { appendCommandLog } from './session/commandLog';
import { withQuota } from './session/quota';
import { startIdleSweeper, touchSession } from './session/lifecycle';
import { spendCommandBudget } from './session/rateLimit';
import { consoleFor, isolationMode } from './session/consoles';

const SCRIPT_COMMAND = /^\s*(eval|evalsha|eval_ro|evalsha_ro)\s/im;

/** Runs a learner's script on their own connection, confined to their namespace, and logs it. */
export async function runLearnerScript(session: Session, script: string): Promise<LineResult[]> {
  startIdleSweeper(appRedis());
  await Promise.all([spendCommandBudget(appRedis(), session.namespace, splitScript(script).length), touchSession(appRedis(), session.namespace)]);
  const [table, connection, mode] = await Promise.all([commandTable(), consoleFor(session.namespace), isolationMode(), lowerBusyThreshold(appRedis())]);
  const run = runScript(script, {
    table,
    prefix: session.namespace.prefix,
    scriptsAllowed: mode === 'acl',
    send: withQuota(session.namespace, table, (commands) => connection.send(commands)),
  });
  const results = await (SCRIPT_COMMAND.test(script) ? killIfRunaway(appRedis(), run) : run);
  await appendCommandLog(appRedis(), session.namespace, results);
  return results;
}
