import 'server-only';
import type { RedisClient } from '../redis/topology';
import type { LineResult } from '../commands/executor';
import type { Namespace } from './namespace';

export const COMMAND_LOG_LENGTH = 200;
/** Checks read short replies (OK, (nil), an error); a huge reply need not be stored twice. */
const LOGGED_TEXT_CHARS = 1_000;

/** One command a learner ran, as lesson checks see it. */
export interface LoggedCommand {
  /** The command as typed. */
  command: string;
  /** redis-cli's text for its reply (its first 1,000 characters). */
  text: string;
  ok: boolean;
  /** Epoch ms on the app server. */
  at: number;
}

/** Appends a run to the session's command log, newest last, keeping the last 200 commands. */
export async function appendCommandLog(redis: RedisClient, namespace: Namespace, results: LineResult[]): Promise<void> {
  if (results.length === 0) return;
  const at = Date.now();
  const key = namespace.internalKey('log');
  const entries = results.map(({ command, text, ok }) => JSON.stringify({ command, text: text.slice(0, LOGGED_TEXT_CHARS), ok, at } satisfies LoggedCommand));
  await redis.multi().rpush(key, ...entries).ltrim(key, -COMMAND_LOG_LENGTH, -1).exec();
}

export async function readCommandLog(redis: RedisClient, namespace: Namespace): Promise<LoggedCommand[]> {
  const raw = await redis.lrange(namespace.internalKey('log'), 0, -1);
  return raw.map((entry) => JSON.parse(entry) as LoggedCommand);
}
