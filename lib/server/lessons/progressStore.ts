import 'server-only';
import type { RedisClient } from '../redis/topology';
import type { Namespace } from '../session/namespace';

/** One lesson's stored progress; `startedAt` (epoch ms) hides log entries from before a reset. */
export interface StoredProgress {
  completed: number;
  startedAt: number;
}

const EMPTY: StoredProgress = { completed: 0, startedAt: 0 };

/** All lessons of a session share one internal hash, which the learner's KEYS and SCAN never see. */
const progressKey = (namespace: Namespace) => namespace.internalKey('progress');

function parse(raw: string | null | undefined): StoredProgress {
  if (!raw) return EMPTY;
  try {
    const value = JSON.parse(raw) as Partial<StoredProgress>;
    return { completed: Number(value.completed) || 0, startedAt: Number(value.startedAt) || 0 };
  } catch {
    return EMPTY;
  }
}

export async function readProgress(redis: RedisClient, namespace: Namespace, slug: string): Promise<StoredProgress> {
  return parse(await redis.hget(progressKey(namespace), slug));
}

export async function readAllProgress(redis: RedisClient, namespace: Namespace): Promise<Record<string, StoredProgress>> {
  const all = await redis.hgetall(progressKey(namespace));
  return Object.fromEntries(Object.entries(all).map(([slug, raw]) => [slug, parse(raw)]));
}

export async function writeProgress(redis: RedisClient, namespace: Namespace, slug: string, progress: StoredProgress): Promise<void> {
  await redis.hset(progressKey(namespace), slug, JSON.stringify(progress));
}
