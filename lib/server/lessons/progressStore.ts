import 'server-only';
import { stepField } from '@/lib/lessons/predictionFields';
import type { PredictionOutcome } from '@/lib/lessons/types';
import { LuaScript } from '../redis/lua';
import type { RedisClient } from '../redis/topology';
import type { Namespace } from '../session/namespace';

/** One lesson's stored progress; `startedAt` (epoch ms) hides log entries from before a reset. */
export interface StoredProgress {
  completed: number;
  startedAt: number;
}

const EMPTY: StoredProgress = { completed: 0, startedAt: 0 };

/** All lessons of a session share one internal hash, which the learner's KEYS and SCAN never see. */
const progressKey = (namespace: Namespace) => namespace.keys.progress;

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
  return Object.fromEntries(Object.entries(all).flatMap(([field, raw]) => (field.includes('#') ? [] : [[field, parse(raw)]])));
}

/*
 * Two evaluations of one lesson can overlap (a page load and a run, two tabs, a retried request):
 * each reads the progress, checks the keys and writes what it found. A plain HSET let the slower
 * one write over the faster, so a step passed just before could be undone, and an evaluation that
 * read the progress before a reset could write the old progress back over it. The write is
 * therefore one script that only ever raises `completed`, and only within the same start of the
 * lesson (`startedAt`) the evaluation read: after a reset, what was found before it is dropped.
 */
const RAISE = new LuaScript(`
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local completed, startedAt = 0, 0
if raw then
  local ok, stored = pcall(cjson.decode, raw)
  if ok and type(stored) == 'table' then
    completed = tonumber(stored.completed) or 0
    startedAt = tonumber(stored.startedAt) or 0
  end
end
if startedAt ~= tonumber(ARGV[3]) or completed >= tonumber(ARGV[2]) then return completed end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
return tonumber(ARGV[2])
`);

/**
 * Raises the lesson's stored progress to `progress.completed` if it is still the start of the lesson
 * that `progress.startedAt` names and nothing higher is stored; answers the steps stored afterwards.
 */
export async function writeProgress(redis: RedisClient, namespace: Namespace, slug: string, progress: StoredProgress): Promise<number> {
  return Number(await RAISE.run(redis, [progressKey(namespace)], [slug, progress.completed, progress.startedAt, JSON.stringify(progress)]));
}

/** Starts the lesson over: no step done, and only what runs from `startedAt` on counts. */
export async function restartProgress(redis: RedisClient, namespace: Namespace, slug: string, startedAt: number): Promise<void> {
  await redis.hset(progressKey(namespace), slug, JSON.stringify({ completed: 0, startedAt } satisfies StoredProgress));
}

/*
 * Predictions live in the same hash as the progress (so a reset, a teacher's reset and idle expiry
 * remove them with it), one field for the choice and one for Redis's answer per step.
 */
const choiceField = (slug: string, step: number) => stepField(slug, step, 'choice');
const answerField = (slug: string, step: number) => stepField(slug, step, 'answer');

/** The choice is taken only while the step has no answer: a prediction is made before the run, and never changed after it. */
const CHOOSE = new LuaScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[2]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`);

/** False when the step's decisive command has already run. */
export async function writeChoice(redis: RedisClient, namespace: Namespace, slug: string, step: number, choice: string): Promise<boolean> {
  return Number(await CHOOSE.run(redis, [progressKey(namespace)], [choiceField(slug, step), answerField(slug, step), choice])) === 1;
}

/** The first answer recorded wins; a later run of the same command does not change the outcome. */
export async function writeAnswers(redis: RedisClient, namespace: Namespace, slug: string, answers: { step: number; answer: string }[]): Promise<void> {
  if (answers.length === 0) return;
  const pipeline = redis.pipeline();
  for (const { step, answer } of answers) pipeline.hsetnx(progressKey(namespace), answerField(slug, step), answer);
  await pipeline.exec();
}

/** Each of `steps` that has a choice or an answer. */
export async function readPredictions(redis: RedisClient, namespace: Namespace, slug: string, steps: number[]): Promise<PredictionOutcome[]> {
  if (steps.length === 0) return [];
  const raw = await redis.hmget(progressKey(namespace), ...steps.flatMap((step) => [choiceField(slug, step), answerField(slug, step)]));
  return steps.flatMap((step, i) => {
    const [choice, answer] = [raw[2 * i], raw[2 * i + 1]];
    if (choice == null && answer == null) return [];
    return [{ step, choice: choice ?? null, ...(answer != null && { answer }) }];
  });
}

/** Forgets a lesson's predictions and opened solutions, for a learner who starts it over. */
export async function clearStepFields(redis: RedisClient, namespace: Namespace, slug: string, steps: number): Promise<void> {
  const fields = Array.from({ length: steps }, (_, i) => (['choice', 'answer', 'solution'] as const).map((kind) => stepField(slug, i + 1, kind))).flat();
  if (fields.length > 0) await redis.hdel(progressKey(namespace), ...fields);
}

/** Notes that the learner opened a step's solution, for a teacher's dashboard. */
export async function markSolutionOpened(redis: RedisClient, namespace: Namespace, slug: string, step: number): Promise<void> {
  await redis.hset(progressKey(namespace), stepField(slug, step, 'solution'), '1');
}

/** The whole progress hash: each lesson's progress and its step fields. */
export async function readProgressFields(redis: RedisClient, namespace: Namespace): Promise<Record<string, string>> {
  return redis.hgetall(progressKey(namespace));
}
