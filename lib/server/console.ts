import 'server-only';
import { commandTable } from './commands/commandTable';
import { runScript, RUNS_SCRIPTS, type LineResult } from './commands/executor';
import { keysFromRedis, listConfined } from './commands/listing';
import type { CommandTable } from './commands/metadata';
import { sendInChunks, type ChunkOptions } from './commands/runBudget';
import { checkKeyChangeShare } from './events/changeRate';
import { keyEventHub } from './events';
import type { Session } from './session/namespace';
import { appRedis } from './redis/client';
import { config } from './config';
import { DomainError } from './errors';
import { killIfRunaway, lowerBusyThreshold, ScriptStoppedByRestartError } from './redis/scriptGuard';
import { ClosedByRedisError } from './redis/consoleConnection';
import { slotOf } from './redis/slot';
import { ownerOf, type RedisClient } from './redis/topology';
import { splitScript } from '@/lib/cli/script';
import { appendCommandLog } from './session/commandLog';
import { withQuota } from './session/quota';
import { startIdleSweeper, touchSession } from './session/lifecycle';
import { spendCommandBudget } from './session/rateLimit';
import { consoleFor, isolationMode } from './session/consoles';
import { oneRunAtATime } from './session/runQueue';
import { scriptsOffReason, turnScriptsOff } from './session/scriptsOff';
import { logFailure } from './log/logger';
import { recordCommands, recordKeyChangeLimit, recordRefusals } from './metrics/record';

const nameOf = (argv: readonly Uint8Array[]) => Buffer.from(argv[0]!).toString('latin1').toLowerCase();
/** Counted by this server's key-event hub, which hears every change. */
const keyChanges = (session: Session) => keyEventHub().changeRate.recent(session.namespace.id);

/** Runs a learner's script on their own connection, confined to their namespace, and logs it. */
export async function runLearnerScript(session: Session, script: string): Promise<LineResult[]> {
  const redis = appRedis();
  startIdleSweeper(redis);
  // Every instance that runs scripts counts changes, panels open here or not: the share holds wherever a run lands.
  await keyEventHub()
    .mode()
    .catch(() => undefined);
  try {
    checkKeyChangeShare(keyEventHub().changeRate, session.namespace.id);
  } catch (error) {
    recordKeyChangeLimit(session.namespace.id, splitScript(script).length, keyChanges(session));
    throw error;
  }
  await spendCommandBudget(redis, session.namespace, splitScript(script).length, (batch) => touchSession(batch, session.namespace));
  // A session's runs take turns: parallel requests must not add up to more than one run's share of Redis.
  const results = await oneRunAtATime(session.namespace.id, () => runConfined(session, redis, script)).catch(explainClosedConnection(redis));
  // The answer does not wait for the log. Whatever reads it later (this request's lesson check, the
  // next run) goes out after it on this same connection, and Redis runs one connection's commands
  // in order, so it sees this run. If the write fails, Redis has just gone away: the learner has
  // their results, and only a lesson step misses this run.
  appendCommandLog(redis, session.namespace, results).catch(logFailure('appending the command log', { session: session.namespace.id }));
  return results;
}

async function runConfined(session: Session, redis: RedisClient, script: string): Promise<LineResult[]> {
  const { prefix } = session.namespace;
  const [table, connection, mode] = await Promise.all([commandTable(), consoleFor(session.namespace), isolationMode(), lowerBusyThreshold(redis)]);
  const chunks = chunkOptions(session, redis, table);
  const refused = new Map<string, string[]>();
  const sent = async (chunk: Uint8Array[][]) => {
    const replies = await connection.send(chunk);
    recordCommands(replies.map((reply) => reply.ms));
    return replies;
  };
  const results = await runScript(script, {
    table,
    prefix,
    scriptsOff: scriptsOffReason(session.namespace, mode),
    inTransaction: connection.inTransaction,
    send: (commands, budget) => withQuota(session.namespace, table, (admitted) => sendInChunks(sent, admitted, budget, chunks))(commands),
    list: async (argv) => listConfined(await ownerOf(redis, slotOf(prefix)), argv, prefix),
    keysFromRedis: (commands) => keysFromRedis(redis, commands),
    onRefused: (command, reason) => refused.set(reason, [...(refused.get(reason) ?? []), command]),
    keyChanges: () => keyChanges(session),
  });
  for (const [reason, commands] of refused) recordRefusals(session.namespace.id, reason, commands);
  return results;
}

/**
 * Redis closes a connection whose unsent replies pass the output buffer limit (embedded/memoryCeiling.ts):
 * `MGET big big …` over megabyte values. If Redis still answers the app, that is what happened.
 */
function explainClosedConnection(redis: RedisClient) {
  return async (error: unknown): Promise<never> => {
    if (
      error instanceof ClosedByRedisError &&
      (await redis.ping().then(
        () => true,
        () => false,
      ))
    ) {
      throw new DomainError(
        'refused',
        'Redis closed your connection because a reply grew larger than it holds for one connection, so the lines from there on did not run. ' +
          'Ask for less at once: a smaller range, or fewer keys per command.',
      );
    }
    throw error;
  };
}

function chunkOptions(session: Session, redis: RedisClient, table: CommandTable): ChunkOptions {
  return {
    blocks: (argv) => table.get(nameOf(argv))?.categories.includes('blocking') ?? false,
    // Decided on the parsed command names, however the line spelled them; EXEC may run a queued EVAL.
    guard: (chunk, work) => (chunk.some((argv) => RUNS_SCRIPTS.has(nameOf(argv))) ? guardScript(session, redis, work()) : work()),
  };
}

/**
 * A chunk that may run a script: a runaway one is stopped, and what it changed is counted against
 * the session's share (keyChanges) before the run's next chunk is decided on. Other commands change
 * at most as many keys as they name.
 */
async function guardScript<T>(session: Session, redis: RedisClient, run: Promise<T>): Promise<T> {
  try {
    return await keyEventHub().accountFor(session.namespace.id, () => killIfRunaway(redis, run, session.namespace.prefix, config().redisSupervised));
  } catch (error) {
    if (!(error instanceof ScriptStoppedByRestartError)) throw error;
    turnScriptsOff(session.namespace);
    throw new DomainError(
      'refused',
      'Your script wrote to Redis and then never finished, and Redis cannot stop such a script, so the playground restarted Redis; ' +
        'nothing your script wrote was kept. Scripts are off for your session for an hour.',
    );
  }
}
