import 'server-only';
import { commandTable } from './commands/commandTable';
import { runScript, type LineResult } from './commands/executor';
import type { Session } from './http/session';
import { appRedis } from './redis/client';
import { appendCommandLog } from './session/commandLog';
import { consoleFor } from './session/consoles';

/** Runs a learner's script on their own connection, confined to their namespace, and logs it. */
export async function runLearnerScript(session: Session, script: string): Promise<LineResult[]> {
  const table = await commandTable();
  const connection = consoleFor(session.namespace.id);
  const results = await runScript(script, { table, prefix: session.namespace.prefix, send: (commands) => connection.send(commands) });
  await appendCommandLog(appRedis(), session.namespace, results);
  return results;
}
