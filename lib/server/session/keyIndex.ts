import 'server-only';
import { keyPositions } from '../commands/keyPositions';
import type { CommandMeta } from '../commands/metadata';
import type { RedisClient } from '../redis/topology';
import type { Namespace } from './namespace';
import { latin1 } from '../latin1';

/**
 * The names of the keys a session holds, so that its keys are listed without SCAN. SCAN walks
 * the whole keyspace, everyone's keys, so listing one session's keys that way cost Redis more with
 * every participant: 4,000 idle sessions beside a workshop of 200 kept Redis fully busy. The names a
 * run's data-adding commands name are added before it runs, and the measurement that follows every
 * such run drops those whose key is not there. Other writes (DEL, RENAME, EXPIRE…) are not followed
 * by a measurement, so their names are added after the run only if the key exists then: a run of
 * `DEL n0 … n5999` adds nothing. A script can write keys it never declared, so a run with a script is
 * followed by one SCAN that adds whatever it finds (see quota.ts).
 *
 * Every name read from the index is read on the app's own, unrestricted connection, so only names
 * proven to carry the session's prefix go in, and only those are ever read back (`ownNames`).
 */
export const keyIndexKey = (namespace: Namespace) => namespace.keys.names;

/** Commands that may write keys they do not name: a script, or EXEC, whose queued commands did not exist yet when they were indexed. */
const SCRIPT_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro', 'exec']);
/** Names per SADD or SREM: one command with 300,000 arguments stalls Redis, and failed silently. */
const BATCH = 1_000;

export interface WrittenNames {
  names: Buffer[];
  /** False when a command may write keys it does not name (a script), or names them in ways the key specs leave open. */
  complete: boolean;
}

/** A command of the run as sent (already namespaced), with Redis's metadata for it. */
export interface ResolvedCommand {
  argv: Uint8Array[];
  meta: CommandMeta | undefined;
}

/** The keys the run's write commands name, for the index. */
export function writtenNames(commands: readonly ResolvedCommand[]): WrittenNames {
  const names: Buffer[] = [];
  let complete = true;
  for (const { argv, meta } of commands) {
    // Redis does not flag EVAL or EXEC as a write: whether they write is up to what they run.
    if (!meta || (!meta.flags.includes('write') && !SCRIPT_COMMANDS.has(meta.name))) continue;
    const found = keyPositions(meta, argv.map(latin1));
    if (!found.ok || found.incomplete || SCRIPT_COMMANDS.has(meta.name) || meta.name === 'sort') complete = false;
    if (found.ok) for (const position of found.positions) names.push(Buffer.from(argv[position]!));
  }
  return { names, complete };
}

/** Only the session's own names: anything else in a list of names is dropped before Redis sees it. */
export function ownNames(namespace: Namespace, names: readonly Buffer[]): Buffer[] {
  const prefix = Buffer.from(namespace.prefix, 'latin1');
  return names.filter((name) => name.length > prefix.length && name.subarray(0, prefix.length).equals(prefix));
}

/** Sent as EVAL, never EVALSHA: a NOSCRIPT retry would go out after reads that must see its effect. */
const ADD_EXISTING = `
local added = 0
for i = 2, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then added = added + redis.call('SADD', KEYS[1], KEYS[i]) end
end
return added`;

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Adds the names whose key exists now; sent after the run, on the app's connection, so what reads the index next sees them. */
export async function indexExisting(redis: RedisClient, namespace: Namespace, names: readonly Buffer[]): Promise<void> {
  const own = [...new Set(ownNames(namespace, names).map(latin1))].map((name) => Buffer.from(name, 'latin1'));
  // Every name shares the session's hash tag, so on a cluster the script's keys are all in one slot.
  await Promise.all(batches(own).map((batch) => redis.eval(ADD_EXISTING, batch.length + 1, keyIndexKey(namespace), ...batch)));
}

/** Adds names a measurement will check right after (found by SCAN, or named by a run that adds data). */
export async function indexNames(redis: RedisClient, namespace: Namespace, names: readonly Buffer[]): Promise<void> {
  await Promise.all(batches(ownNames(namespace, names)).map((batch) => redis.sadd(keyIndexKey(namespace), ...batch)));
}

/** The indexed names, some of which may name keys that are gone since. */
export async function indexedNames(redis: RedisClient, namespace: Namespace): Promise<Buffer[]> {
  return ownNames(namespace, await redis.smembersBuffer(keyIndexKey(namespace)));
}

export async function forgetNames(redis: RedisClient, namespace: Namespace, names: readonly Buffer[]): Promise<void> {
  await Promise.all(batches(names).map((batch) => redis.srem(keyIndexKey(namespace), ...batch)));
}
