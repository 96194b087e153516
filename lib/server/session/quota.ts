import 'server-only';
import { settings } from '../config';
import { growthOf, mayAddData } from '../commands/amplifiers';
import type { CommandTable } from '../commands/metadata';
import { retryWhileBusy } from '../redis/busy';
import { appRedis } from '../redis/client';
import type { TimedReply } from '../redis/consoleConnection';
import { slotOf } from '../redis/slot';
import { ownerOf, type RedisClient } from '../redis/topology';
import { forgetNames, indexedNames, indexExisting, indexNames, ownNames, writtenNames, type ResolvedCommand } from './keyIndex';
import type { Namespace } from './namespace';
import { admit, isOver, type PlannedCommand, type QuotaLimits, type Usage } from './quotaRules';
import { logFailure } from '../log/logger';
import { recordRefusals } from '../metrics/record';
import { latin1 } from '../latin1';
import { processGlobal } from '../processGlobal';

type Send = (commands: Uint8Array[][]) => Promise<TimedReply[]>;

const MB = 1024 * 1024;
const SCAN_COUNT = 1_000;
const NOTHING_ADDED: PlannedCommand = { addsData: false, growth: { kind: 'none' }, carried: 0 };

/** What one session may hold; a workshop shares one Redis, so one learner's loop must not fill it. */
export function quotaLimits(): QuotaLimits {
  return {
    keys: settings().sessionMaxKeys,
    bytes: Math.round(settings().sessionMaxMemoryMb * MB),
  };
}

const usageKey = (namespace: Namespace) => namespace.keys.usage;

/** How a measurement finds the session's keys: from its index, or by SCAN after a run the index cannot vouch for. */
export type Finding = 'index' | 'scan';

async function scannedNames(node: RedisClient, namespace: Namespace): Promise<Buffer[]> {
  const names: Buffer[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await node.scanBuffer(cursor, 'MATCH', `${namespace.prefix}*`, 'COUNT', SCAN_COUNT);
    cursor = next.toString();
    names.push(...batch);
  } while (cursor !== '0');
  await indexNames(node, namespace, names);
  return ownNames(namespace, names);
}

/**
 * Counts the session's keys and what Redis says they take: MEMORY USAGE of each, pipelined, on the
 * node that holds the session's slot. Names whose key is gone leave the index.
 */
export async function measureUsage(redis: RedisClient, namespace: Namespace, finding: Finding = 'index'): Promise<Usage> {
  const node = await ownerOf(redis, slotOf(namespace.prefix));
  const names = finding === 'scan' ? await scannedNames(node, namespace) : await indexedNames(node, namespace);
  if (names.length === 0) return { keys: 0, bytes: 0 };
  const pipeline = node.pipeline();
  for (const name of names) pipeline.call('MEMORY', 'USAGE', name);
  // A key that is gone answers nil; a Redis that refuses MEMORY answers errors and leaves only the key cap.
  const rows = (await pipeline.exec()) ?? [];
  const gone = names.filter((_, i) => !rows[i]?.[0] && rows[i]?.[1] === null);
  await forgetNames(node, namespace, gone);
  const bytes = rows.reduce((sum, [error, value]) => sum + (error ? 0 : Number(value) || 0), 0);
  return { keys: names.length - gone.length, bytes };
}

async function measureAndRemember(redis: RedisClient, namespace: Namespace, finding?: Finding): Promise<Usage> {
  const usage = await measureUsage(redis, namespace, finding);
  await redis.set(usageKey(namespace), JSON.stringify(usage));
  return usage;
}

async function lastUsage(redis: RedisClient, namespace: Namespace): Promise<Usage> {
  const raw = await redis.get(usageKey(namespace));
  if (!raw) return { keys: 0, bytes: 0 };
  const parsed = JSON.parse(raw) as Partial<Usage>;
  return { keys: Number(parsed.keys) || 0, bytes: Number(parsed.bytes) || 0 };
}

const measuring = () => processGlobal('measuring', () => new Map<string, Promise<void>>());

/**
 * The measurement after a run only matters to the session's next run, so the learner does not wait
 * for it; that next run waits instead, which keeps a session's runs and measurements in order.
 */
export function measureAfterRun(redis: RedisClient, namespace: Namespace, finding: Finding): void {
  const pending = measureAndRemember(redis, namespace, finding).then(
    () => undefined,
    logFailure('measuring a session after its run', { session: namespace.id }),
  );
  measuring().set(namespace.id, pending);
  void pending.then(() => {
    if (measuring().get(namespace.id) === pending) measuring().delete(namespace.id);
  });
}

/** Resolves once the measurement after the session's last run (if any) has finished. */
export async function measurementSettled(namespace: Namespace): Promise<void> {
  await measuring().get(namespace.id);
}

function planOf({ argv, meta }: ResolvedCommand): PlannedCommand {
  if (!meta || !mayAddData(meta)) return NOTHING_ADDED;
  return { addsData: true, growth: growthOf(meta, argv.map(latin1)), carried: argv.reduce((sum, arg) => sum + arg.length, 0) };
}

/**
 * Keeps a session within its key and memory caps by wrapping how its run is sent. A run with
 * nothing that adds data goes straight through; otherwise the commands the caps refuse get Redis's
 * kind of inline error instead of being sent, and the session is measured again afterwards.
 */
export function withQuota(namespace: Namespace, table: CommandTable, send: Send): Send {
  return async (commands) => {
    const redis = appRedis();
    const resolved = commands.map((argv): ResolvedCommand => ({ argv, meta: table.resolve(argv.slice(0, 2).map(latin1)).meta }));
    const plan = resolved.map(planOf);
    if (!plan.some((command) => command.addsData)) {
      const replies = await send(commands);
      // RENAME, SMOVE and the like add no data, but may give it a new name.
      void indexExisting(redis, namespace, writtenNames(resolved).names).catch(logFailure('indexing renamed keys', { session: namespace.id }));
      return replies;
    }

    const limits = quotaLimits();
    await measuring().get(namespace.id);
    let usage = await retryWhileBusy(() => lastUsage(redis, namespace));
    // Keys may have been deleted, or have expired, since the measurement that found the session full.
    if (isOver(usage, limits)) usage = await measureAndRemember(redis, namespace);
    const refusals = admit(plan, usage, limits);
    recordRefusals(
      namespace.id,
      'quota',
      resolved.filter((_, i) => refusals[i] !== undefined).map(({ meta }) => meta?.name ?? '(unknown)'),
    );
    const admitted = commands.filter((_, i) => refusals[i] === undefined);
    const ran = resolved.filter((_, i) => refusals[i] === undefined);
    const written = writtenNames(ran);
    // What adds data is indexed before the run, in one SADD on the app's connection (this is every
    // write's path, so no script), and the measurement after the run drops the names whose key is not
    // there; other writes' names (DEL, RENAME…) go in after the run only if their key exists.
    const adding = writtenNames(ran.filter(({ meta }) => meta && mayAddData(meta))).names;
    void indexNames(redis, namespace, adding).catch(logFailure('indexing written keys', { session: namespace.id }));
    const replies = admitted.length > 0 ? await send(admitted) : [];
    const others = written.names.length > adding.length ? writtenNames(ran.filter(({ meta }) => !meta || !mayAddData(meta))).names : [];
    if (others.length > 0) void indexExisting(redis, namespace, others).catch(logFailure('indexing renamed keys', { session: namespace.id }));
    if (plan.some((command, i) => command.addsData && refusals[i] === undefined)) measureAfterRun(redis, namespace, written.complete ? 'index' : 'scan');

    let next = 0;
    return refusals.map((message): TimedReply => (message === undefined ? replies[next++]! : { reply: { type: 'error', value: message }, ms: 0 }));
  };
}
