import 'server-only';
import { config } from '../config';
import { HttpError } from '../http/errors';
import { appRedis, endpointForSlot } from '../redis/client';
import { ConnectionClosedError, PipelinedConnection } from '../redis/pipelinedConnection';
import { killIfRunaway, lowerBusyThreshold, ScriptStoppedByRestartError } from '../redis/scriptGuard';
import { slotOf } from '../redis/slot';
import { ownerOf } from '../redis/topology';
import { ReplyError } from '../redis/valueDecoder';
import { ensureSessionUser, sessionUser } from '../session/acl';
import { isolationMode } from '../session/consoles';
import type { Namespace } from '../session/namespace';
import { measureAfterRun, measureUsage, quotaLimits } from '../session/quota';
import { fullMessage, isOver } from '../session/quotaRules';
import { scriptsOffReason, turnScriptsOff } from '../session/scriptsOff';
import { sessionSecret } from '../session/secret';
import { explainScriptError, ScriptFailure, type CustomScripts, type ScriptName } from '@/lib/sim/strategies/customScripts';
import { CHUNK_TARGET_MS } from '../commands/runBudget';
import { checkScriptSyntax, loadScripts, ScriptSyntaxError } from './scriptSyntax';
import { checkForm, MAX_VALUE_BYTES, runForm } from './scriptWrap';

/** The Redis time a race's scripts may use in all; after it the race stops, as a console run does. */
export const RACE_SCRIPT_BUDGET_MS = 10_000;
/** At most this many scripts go out at once, however cheap they are. */
const MAX_CHUNK = 2_048;
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
  if (isOver(usage, quotaLimits())) return `${fullMessage(usage, quotaLimits()).replace(/^ERR y/, 'Y').replace(/ Delete some keys to write again\.$/, '')} Delete some keys before racing your own scripts.`;
  return undefined;
}

/**
 * Loads both scripts (SCRIPT LOAD, on the node that holds the session's slot, as the app: the
 * session's user may not run SCRIPT) and opens a connection as the session's user to run them.
 * 422 for a script that does not compile (with its line) or a session that may not run scripts.
 */
export async function openLearnerScripts(namespace: Namespace, scripts: CustomScripts): Promise<LearnerScripts> {
  const why = await refusal(namespace);
  if (why) throw new HttpError(422, why);
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

interface Call {
  script: ScriptName;
  argv: (string | number)[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Sends a race's script calls as the console sends a run (commands/runBudget.ts): in chunks sized
 * to take about 50 ms of Redis's time each, so other learners are served in between, one chunk at
 * a time, each under the runaway-script guard, until the race's budget of Redis time is spent.
 */
class ScriptPump {
  private readonly queue: Call[] = [];
  private pumping = false;
  private chunk = 1;
  private spentMs = 0;
  private stopped: string | undefined;

  constructor(
    private readonly connection: PipelinedConnection,
    private readonly namespace: Namespace,
  ) {}

  call(script: ScriptName, argv: (string | number)[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ script, argv, resolve, reject });
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    // Calls made in this turn of the event loop join the first chunk.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      if (this.stopped) {
        for (const call of this.queue.splice(0)) call.reject(new ScriptFailure(this.stopped));
        break;
      }
      const batch = this.queue.splice(0, this.chunk);
      const sent = batch.map((call) => this.connection.call(call.argv));
      const settled = Promise.allSettled(sent).then((results) => {
        // A dropped connection is what a restart of Redis looks like from here.
        const lost = results.find((result) => result.status === 'rejected' && result.reason instanceof ConnectionClosedError);
        if (lost) throw (lost as PromiseRejectedResult).reason;
        return results;
      });
      const results = await killIfRunaway(appRedis(), settled, this.namespace.prefix, config().redisSupervised).catch((error: unknown) => {
        if (error instanceof ScriptStoppedByRestartError) {
          turnScriptsOff(this.namespace);
          this.stopped = 'your script wrote to Redis and then never finished, so Redis was restarted to stop it; scripts are off for your session for an hour';
        }
        return Promise.allSettled(sent);
      });
      let micros = 0;
      results.forEach((result, i) => {
        const call = batch[i]!;
        if (result.status === 'fulfilled') {
          // runForm's answer: {microseconds of Redis's time, the script's own reply[, why it was held back]}.
          const [spent, reply, heldBack] = result.value as [number, unknown, string?];
          micros += spent;
          if (heldBack) call.reject(new ScriptFailure(`Your ${call.script} script returned ${heldBack}; a race's answers are at most ${MAX_VALUE_BYTES / 1024} KB and flat, e.g. {'hit', value}.`));
          else call.resolve(reply ?? null);
        } else if (result.reason instanceof ReplyError) call.reject(new ScriptFailure(explainScriptError(call.script, result.reason.message).sentence));
        else call.reject(this.stopped ? new ScriptFailure(this.stopped) : (result.reason as Error));
      });
      this.account(micros / 1000, batch.length);
    }
    this.pumping = false;
  }

  /** Grows the next chunk while scripts are cheap, shrinks it to what fits 50 ms when they are not. */
  private account(ms: number, calls: number): void {
    this.spentMs += ms;
    const fitting = ms > 0 ? Math.floor((calls * CHUNK_TARGET_MS) / ms) : Infinity;
    this.chunk = Math.max(1, Math.min(this.chunk * 2, fitting, MAX_CHUNK));
    if (this.spentMs > RACE_SCRIPT_BUDGET_MS) {
      this.stopped ??= `your scripts had used ${RACE_SCRIPT_BUDGET_MS / 1000} s of the shared Redis's time, a race's share of a server everyone here uses`;
    }
  }
}
