import 'server-only';
import { config } from '../config';
import { DomainError } from '../errors';
import { appRedis, endpointForSlot } from '../redis/client';
import { PipelinedConnection } from '../redis/pipelinedConnection';
import { lowerBusyThreshold } from '../redis/scriptGuard';
import { slotOf } from '../redis/slot';
import { ownerOf } from '../redis/topology';
import { ensureSessionUser, sessionUser } from '../session/acl';
import { isolationMode } from '../session/consoles';
import type { Namespace } from '../session/namespace';
import { measureAfterRun, measureUsage, quotaLimits } from '../session/quota';
import { fullMessage, isOver } from '../session/quotaRules';
import { scriptsOffReason } from '../session/scriptsOff';
import { sessionSecret } from '../session/secret';
import type { CustomScripts, ScriptName } from '@/lib/sim/strategies/customScripts';
import { checkScriptSyntax, loadScripts, ScriptSyntaxError } from './scriptSyntax';
import { ScriptPump } from './scriptPump';
import { checkForm, runForm } from './scriptWrap';

const REPLY_TIMEOUT_MS = 10_000;

/** A race's scripts, loaded and ready to run as the session's user. */
export interface LearnerScripts {
  evalLearner(script: ScriptName, keys: string[], args: (string | number)[]): Promise<unknown>;
  close(): void;
}

/** Why this namespace may not run scripts in a race, or undefined. */
async function refusal(namespace: Namespace): Promise<string | undefined> {
  const reason = scriptsOffReason(namespace, await isolationMode());
  if (reason) return `Your own strategy cannot race: ${reason}.`;
  const usage = await measureUsage(appRedis(), namespace, 'scan');
  if (isOver(usage, quotaLimits()))
    return `${fullMessage(usage, quotaLimits())
      .replace(/^ERR y/, 'Y')
      .replace(/ Delete some keys to write again\.$/, '')} Delete some keys before racing your own scripts.`;
  return undefined;
}

/**
 * Loads both scripts (SCRIPT LOAD, on the node that holds the session's slot, as the app: the
 * session's user may not run SCRIPT) and opens a connection as the session's user to run them.
 * 422 for a script that does not compile (with its line) or a session that may not run scripts.
 */
export async function openLearnerScripts(namespace: Namespace, scripts: CustomScripts): Promise<LearnerScripts> {
  const why = await refusal(namespace);
  if (why) throw new DomainError('refused', why);
  const node = await ownerOf(appRedis(), slotOf(namespace.prefix));
  await checkScriptSyntax(node, scripts, checkForm);
  const shas = await loadScripts(node, scripts, runForm);
  const user = sessionUser(namespace, sessionSecret());
  await Promise.all([ensureSessionUser(appRedis(), namespace, user, config().redis.db ? ['+select'] : []), lowerBusyThreshold(appRedis())]);
  const endpoint = { ...(await endpointForSlot(slotOf(namespace.prefix))), username: user.username, password: user.password };
  const connection = new PipelinedConnection(endpoint, REPLY_TIMEOUT_MS);
  const pump = new ScriptPump(connection, namespace);
  return {
    evalLearner: (script, keys, args) => pump.call(script, ['EVALSHA', shas[script], keys.length, ...keys.map((key) => namespace.prefix + key), ...args]),
    close() {
      connection.close();
      // What the scripts wrote counts against the session's caps from its next command on.
      measureAfterRun(appRedis(), namespace, 'scan');
    },
  };
}

/** What the editor shows before a race: whether both scripts compile, and if not, where. */
export type ScriptCheck = { ok: true } | { ok: false; script: ScriptName; line: number | null; error: string };

export async function checkScripts(namespace: Namespace, scripts: CustomScripts): Promise<ScriptCheck> {
  try {
    await checkScriptSyntax(await ownerOf(appRedis(), slotOf(namespace.prefix)), scripts, checkForm);
    return { ok: true };
  } catch (error) {
    if (!(error instanceof ScriptSyntaxError)) throw error;
    return { ok: false, script: error.script, line: error.line ?? null, error: error.message };
  }
}
