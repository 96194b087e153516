import 'server-only';
import type { LessonProgress } from '@/lib/lessons/types';
import { redactedLine } from '@/lib/workshop/redact';
import type { Activity } from '@/lib/workshop/types';
import type { LineResult } from '../commands/executor';
import { appRedis } from '../redis/client';
import { LuaScript } from '../redis/lua';
import type { Namespace } from '../session/namespace';
import { activityKey, membershipKey } from './keys';
import { ROOM_TTL_SECONDS } from './limits';

const MAX_ERROR_CHARS = 200;

/**
 * One round trip, and nothing written unless the session is in a room. The activity belongs to the
 * membership it was recorded in (`member`): a run that lands after the session moved to another
 * room starts that room's record afresh, so no teacher sees what was typed in another room. A new
 * lesson or step restarts the clock and the attempts; every run that leaves a step unfinished
 * counts as one attempt at it.
 */
const RECORD = new LuaScript(`
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local ok, pointer = pcall(cjson.decode, raw)
if not ok or type(pointer) ~= 'table' or type(pointer.memberId) ~= 'string' then return 0 end
if redis.call('HGET', KEYS[2], 'member') ~= pointer.memberId then
  redis.call('DEL', KEYS[2])
  redis.call('HSET', KEYS[2], 'member', pointer.memberId)
end
local now = ARGV[1]
if ARGV[2] ~= '' then
  local lesson = redis.call('HGET', KEYS[2], 'lesson')
  local step = redis.call('HGET', KEYS[2], 'step')
  if lesson ~= ARGV[2] or step ~= ARGV[3] then
    -- A run that lands on step 2 or later of a lesson has just finished a step: no attempt yet.
    local attempts = (ARGV[5] == '1' and ARGV[3] == '1') and 1 or 0
    redis.call('HSET', KEYS[2], 'lesson', ARGV[2], 'step', ARGV[3], 'steps', ARGV[4], 'stepSince', now, 'attempts', attempts)
  elseif ARGV[5] == '1' then
    redis.call('HINCRBY', KEYS[2], 'attempts', 1)
  end
end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[2], 'lastError', ARGV[6], 'lastErrorAt', now) end
redis.call('HSET', KEYS[2], 'lastSeen', now)
redis.call('EXPIRE', KEYS[2], ARGV[7])
return 1
`);

export interface ActivityUpdate {
  /** The lesson open beside the editor, as just evaluated. */
  progress?: LessonProgress;
  /** True for a run of commands, false for only looking at a lesson. */
  attempt: boolean;
  results?: LineResult[];
}

/** The last failed line, with any password it carries hidden (the teacher sees it). */
function lastError(results: LineResult[] = []): string {
  const failed = results.findLast((result) => !result.ok);
  if (!failed) return '';
  const { command, reply } = redactedLine(failed.command, failed.text);
  return `${command} → ${reply}`.slice(0, MAX_ERROR_CHARS);
}

/** Notes what a session just did, for its teacher's dashboard; costs one round trip outside rooms. */
export async function recordActivity(namespace: Namespace, update: ActivityUpdate): Promise<void> {
  const { progress } = update;
  await RECORD.run(
    appRedis(),
    [membershipKey(namespace), activityKey(namespace)],
    [
      Date.now(),
      progress?.slug ?? '',
      progress ? progress.completed + 1 : 0,
      progress?.total ?? 0,
      update.attempt ? '1' : '0',
      lastError(update.results),
      ROOM_TTL_SECONDS,
    ],
  );
}

const numberOr = (raw: string | undefined) => (raw === undefined ? undefined : Number(raw));

/** The activity of this membership, or none if what is stored was recorded in another one. */
export function parseActivity(raw: Record<string, string>, memberId: string): Activity {
  if (raw.member !== memberId) return { attempts: 0 };
  return {
    lesson: raw.lesson,
    step: numberOr(raw.step),
    steps: numberOr(raw.steps),
    stepSince: numberOr(raw.stepSince),
    attempts: Number(raw.attempts) || 0,
    lastError: raw.lastError,
    lastErrorAt: numberOr(raw.lastErrorAt),
    lastSeen: numberOr(raw.lastSeen),
  };
}
