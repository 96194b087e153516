import 'server-only';
import type { RedisClient } from '../redis/topology';
import type { LineResult } from '../commands/executor';
import type { Namespace } from './namespace';
import type { LessonCommand } from '@/lib/lessons/types';

const COMMAND_LOG_LENGTH = 200;
/** Checks read short replies (OK, (nil), an error); a huge reply need not be stored twice, so a logged reply is cut to this. */
const LOGGED_TEXT_CHARS = 1_000;

/** Appends a run to the session's command log, newest last, keeping the last 200 commands. */
export async function appendCommandLog(redis: RedisClient, namespace: Namespace, results: LineResult[]): Promise<void> {
  if (results.length === 0) return;
  const at = Date.now();
  const key = namespace.keys.log;
  const entries = results.map(({ command, text, ok }) => JSON.stringify({ command, text: text.slice(0, LOGGED_TEXT_CHARS), ok, at } satisfies LessonCommand));
  await redis
    .multi()
    .rpush(key, ...entries)
    .ltrim(key, -COMMAND_LOG_LENGTH, -1)
    .exec();
}

export async function readCommandLog(redis: RedisClient, namespace: Namespace): Promise<LessonCommand[]> {
  const raw = await redis.lrange(namespace.keys.log, 0, -1);
  return raw.map((entry) => JSON.parse(entry) as LessonCommand);
}
