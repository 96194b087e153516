import 'server-only';
import { keyPositions } from '../commands/keyPositions';
import type { CommandMeta } from '../commands/metadata';
import type { RedisClient } from '../redis/topology';
import type { Namespace } from './namespace';

/**
 * The names of the keys a session may hold, so that its keys are listed without SCAN. SCAN walks
 * the whole keyspace, everyone's keys, so listing one session's keys that way cost Redis more with
 * every participant: 4,000 idle sessions beside a workshop of 200 kept Redis fully busy. Every key
 * a write command names is added here before the command runs; names whose key is gone are pruned
 * whenever the session is measured. A script can write keys it never declared, so a run with a
 * script is followed by one SCAN that adds whatever it finds (see quota.ts).
 */
export const keyIndexKey = (namespace: Namespace) => namespace.internalKey('names');

const SCRIPT_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');

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
    // Redis does not flag EVAL as a write: whether a script writes is up to the script.
    if (!meta || (!meta.flags.includes('write') && !SCRIPT_COMMANDS.has(meta.name))) continue;
    const found = keyPositions(meta, argv.map(latin1));
    if (!found.ok || found.incomplete || SCRIPT_COMMANDS.has(meta.name) || meta.name === 'sort') complete = false;
    if (found.ok) for (const position of found.positions) names.push(Buffer.from(argv[position]!));
  }
  return { names, complete };
}

/** Adds names to the index; sent before the run, on the app's connection, so what reads the index after sees them. */
export function indexNames(redis: RedisClient, namespace: Namespace, names: readonly (Buffer | string)[]): Promise<unknown> {
  return names.length > 0 ? redis.sadd(keyIndexKey(namespace), ...names) : Promise.resolve(0);
}

/** The indexed names, some of which may name keys that are gone since. */
export function indexedNames(redis: RedisClient, namespace: Namespace): Promise<Buffer[]> {
  return redis.smembersBuffer(keyIndexKey(namespace));
}

export function forgetNames(redis: RedisClient, namespace: Namespace, names: readonly Buffer[]): Promise<unknown> {
  return names.length > 0 ? redis.srem(keyIndexKey(namespace), ...names) : Promise.resolve(0);
}
