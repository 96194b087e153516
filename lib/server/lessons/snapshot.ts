import 'server-only';
import { scanTargets, type RedisClient } from '../redis/topology';
import type { KeyState, LessonSnapshot } from '@/lib/lessons/types';
import { redisNow } from '../keys/clock';
import { indexedNames } from '../session/keyIndex';
import type { Namespace } from '../session/namespace';
import { readCommandLog } from '../session/commandLog';

/** Lessons use a handful of keys; past this, a session is doing something else and checks need no more. */
const LESSON_SNAPSHOT_KEYS = 500;
const MEMBERS_READ = 1_000;

export async function sessionKeyNames(redis: RedisClient, prefix: string, limit = Infinity): Promise<string[]> {
  const names: string[] = [];
  const [owner] = await scanTargets(redis, `${prefix}*`);
  let cursor = '0';
  do {
    const [next, batch] = await owner!.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    // The pattern confines the names; this proves it again, since whoever reads them reads on the app's connection.
    names.push(...batch.filter((name) => name.startsWith(prefix)));
  } while (cursor !== '0' && names.length < limit);
  return names.slice(0, limit);
}

type Row = [error: Error | null, result: unknown];

function pairs(flat: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

/** Turns one key's TYPE, PTTL and value reply into the typed state checks read. */
function toKeyState(type: string, pttl: number, value: unknown): KeyState {
  const ttlMs = pttl >= 0 ? pttl : null;
  switch (type) {
    case 'string':
      return { type, ttlMs, value: String(value) };
    case 'hash':
      return { type, ttlMs, fields: Object.fromEntries(pairs(value as string[])) };
    case 'list':
      return { type, ttlMs, items: value as string[] };
    case 'set':
      return { type, ttlMs, members: [...(value as string[])].sort() };
    case 'zset':
      return { type, ttlMs, members: pairs(value as string[]).map(([member, score]) => ({ member, score: Number(score) })) };
    default:
      return { type: 'other', ttlMs, redisType: type };
  }
}

function readValue(pipeline: ReturnType<RedisClient['pipeline']>, type: string, key: Buffer): void {
  if (type === 'string') pipeline.get(key);
  else if (type === 'hash') pipeline.hgetall(key);
  else if (type === 'list') pipeline.lrange(key, 0, MEMBERS_READ - 1);
  else if (type === 'set') pipeline.srandmember(key, MEMBERS_READ);
  else if (type === 'zset') pipeline.zrange(key, '0', String(MEMBERS_READ - 1), 'WITHSCORES');
  else pipeline.exists(key);
}

/**
 * The session's keys with whole values, plus its command log: everything a lesson check may read.
 * The keys come from the session's key index, not SCAN, which would cost every run a walk over
 * everyone's keys (session/keyIndex.ts).
 */
export async function buildLessonSnapshot(redis: RedisClient, namespace: Namespace): Promise<LessonSnapshot> {
  const [indexed, log, now] = await Promise.all([indexedNames(redis, namespace), readCommandLog(redis, namespace), redisNow(redis)]);
  // Only names proven to carry the session's prefix are read: this connection could read anyone's keys.
  const names = indexed.slice(0, LESSON_SNAPSHOT_KEYS);
  const meta = redis.pipeline();
  for (const name of names) meta.type(name).pttl(name);
  const metaRows = ((await meta.exec()) ?? []) as Row[];
  const types = names.map((_, i) => String(metaRows[2 * i]?.[1] ?? 'none'));
  const values = redis.pipeline();
  names.forEach((name, i) => readValue(values, types[i]!, name));
  // hgetall answers an object through ioredis' reply transformer; the raw array keeps field order.
  const valueRows = names.length ? (((await values.exec()) ?? []) as Row[]) : [];
  const keys: Record<string, KeyState> = {};
  names.forEach((name, i) => {
    const type = types[i]!;
    if (type === 'none') return;
    const raw = valueRows[i]?.[1];
    const value = type === 'hash' && raw && !Array.isArray(raw) ? Object.entries(raw as Record<string, string>).flat() : raw;
    if (type === 'string' && raw === null) return;
    keys[name.subarray(namespace.prefix.length).toString()] = toKeyState(type, Number(metaRows[2 * i + 1]?.[1] ?? -1), value);
  });
  return { keys, log, now };
}
