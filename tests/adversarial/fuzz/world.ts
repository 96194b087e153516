import Redis from 'ioredis';
import { vi } from 'vitest';
import { startEmbeddedRedis, type EmbeddedRedis } from '@/lib/server/embedded/redisServer';
import { SESSIONS_KEY } from '@/lib/server/redisKeys';
import { createRoom } from '@/lib/server/workshop/rooms';
import { newLearner } from '@/tests/support/learner';
import { MARK, seedVictim } from '../sessions';
import type { Known } from './vocab';

/**
 * The server the fuzzer attacks: its own redis-server, so that an escape the fuzzer finds (GEORADIUS
 * … STORE sl:sessions deletes every session's entry) cannot break the test files running beside it
 * on the shared one, and so that MONITOR streams only this file's traffic. It holds what a workshop
 * holds: a canary learner the attacker knows (and spells), a second one it does not, a room each.
 */
export async function buildWorld() {
  const server: EmbeddedRedis = await startEmbeddedRedis();
  // lib/server reads these once, lazily: nothing has connected yet in this file's module graph.
  vi.stubEnv('REDIS_URL', server.url);
  vi.stubEnv('REDIS_CLUSTER_NODES', undefined);
  // Thousands of commands in seconds: the per-session rate limit is not what this test is about.
  vi.stubEnv('COMMANDS_PER_10S', '100000000');
  const admin = new Redis(server.port, '127.0.0.1');

  const victim = await seedVictim();
  const hidden = await seedVictim();
  const session = (c: typeof victim.client) => ({ id: c.sessionId, namespace: c.namespace });
  const { room } = await createRoom(session(victim.client));
  const { room: hiddenRoom } = await createRoom(session(hidden.client));
  const attacker = newLearner();
  // The first run creates the attacker's Redis user and connection, so both can be found below.
  await attacker.run('PING');

  // Sorted, and without what the app writes in the background, so a seed generates the same lines every time.
  const victimKeys = (await admin.keys(`sl:{${victim.client.namespace.id}}*`)).filter((k) => !/#(rate:|usage$)/.test(k)).sort();
  const known: Known = {
    attackerId: attacker.session.namespace.id,
    victimId: victim.client.namespace.id,
    victimKeys,
    appKeys: [SESSIONS_KEY, ...(await admin.keys(`*${room.id}*`)).sort(), `sl:code:${room.code}`],
  };
  /** Never given to the generator: a reply that carries one of these read something it cannot name. */
  const canaryIds = [victim.client.namespace.id, hidden.client.namespace.id];
  const secrets = [MARK, hidden.client.namespace.id, hiddenRoom.id, hiddenRoom.code];

  return {
    server,
    admin,
    attacker,
    known,
    secrets,
    canaryIds,
    async close() {
      admin.disconnect();
      await server.stop();
      vi.unstubAllEnvs();
    },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** Addresses of the attacker's connections, by the Redis user they authenticated as. */
export async function attackerAddresses(admin: Redis, attackerId: string): Promise<string[]> {
  const list = (await admin.call('CLIENT', 'LIST')) as string;
  return list
    .split('\n')
    .filter((row) => row.includes(` user=sl-${attackerId} `))
    .map((row) => /\baddr=(\S+)/.exec(row)![1]!);
}

/**
 * Every key outside the attacker's namespace, byte for byte (DUMP) with its expiry (PEXPIRETIME, which
 * does not tick), so a write, a delete or a new key anywhere shows. Of the sessions zset only the
 * canaries' entries count: the app itself scores the attacker in it on every run.
 */
export async function snapshotOthers(admin: Redis, attackerId: string, canaryIds: string[]): Promise<Map<string, string>> {
  const names = (await admin.keysBuffer('*'))
    .map((b) => b.toString('latin1'))
    .filter((n) => !n.startsWith(`sl:{${attackerId}}`) && n !== SESSIONS_KEY && !/#(rate:|usage$)/.test(n))
    .sort();
  const pipeline = admin.pipeline();
  for (const n of names) pipeline.dumpBuffer(Buffer.from(n, 'latin1')).call('PEXPIRETIME', Buffer.from(n, 'latin1'));
  pipeline.call('ZMSCORE', SESSIONS_KEY, ...canaryIds);
  const rows = (await pipeline.exec()) ?? [];
  const snapshot = new Map(names.map((n, i) => [n, `${(rows[2 * i]![1] as Buffer | null)?.toString('hex')} expires:${String(rows[2 * i + 1]![1])}`]));
  return snapshot.set(`${SESSIONS_KEY} (the canaries' entries)`, JSON.stringify(rows.at(-1)));
}

export function diffSnapshots(before: Map<string, string>, after: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [name, value] of after)
    if (before.get(name) !== value) changed.push(before.has(name) ? `changed ${JSON.stringify(name)}` : `created ${JSON.stringify(name)}`);
  for (const name of before.keys()) if (!after.has(name)) changed.push(`deleted ${JSON.stringify(name)}`);
  return changed;
}
