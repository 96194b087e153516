import 'server-only';
import { advance, sinceStart } from '@/lib/lessons/progress';
import { summaryOf } from '@/lib/lessons/registry';
import type { Lesson, LessonProgress, LessonSummary } from '@/lib/lessons/types';
import { appRedis } from '../redis/client';
import type { Namespace } from '../session/namespace';
import { newAnswers, predictionProblem } from '@/lib/lessons/predictions';
import {
  clearStepFields,
  markSolutionOpened,
  readAllProgress,
  readPredictions,
  readProgress,
  restartProgress,
  writeAnswers,
  writeChoice,
  writeProgress,
} from './progressStore';
import { buildLessonSnapshot, sessionKeyNames } from './snapshot';
import { measurementSettled } from '../session/quota';
import { findLesson, lessonsFor } from './catalog';
import { DomainError } from '../errors';
import { setTimeout as sleep } from 'node:timers/promises';

const UNLINK_BATCH = 500;

/** A lesson this session cannot open: none by that name, or a room's lesson after the room closed. */
export class UnknownLessonError extends DomainError {
  constructor(readonly slug: string) {
    super('not-found', `There is no lesson called "${slug.slice(0, 60)}". GET /api/lessons lists them.`);
  }
}

/** 1-based numbers of the steps that ask for a prediction. */
const predictionSteps = (lesson: Lesson) => lesson.steps.flatMap((step, i) => (step.prediction ? [i + 1] : []));

/** Built-in, LESSONS_DIR, or pasted into the session's workshop. */
async function requireLesson(namespace: Namespace, slug: string): Promise<Lesson> {
  const lesson = await findLesson(slug, namespace);
  if (!lesson) throw new UnknownLessonError(slug);
  return lesson;
}

/** Checks the session's Redis state against the lesson, saves any step newly done, and reports. */
export async function evaluateLesson(namespace: Namespace, slug: string): Promise<LessonProgress> {
  const lesson = await requireLesson(namespace, slug);
  const redis = appRedis();
  // A run with a script or EXEC is followed by a SCAN that indexes the keys it made; the check must see them.
  await measurementSettled(namespace);
  const asked = predictionSteps(lesson);
  const [stored, snapshot, before] = await Promise.all([
    readProgress(redis, namespace, slug),
    buildLessonSnapshot(redis, namespace),
    readPredictions(redis, namespace, slug, asked),
  ]);
  const mine = sinceStart(snapshot, stored.startedAt);
  const found = advance(lesson, stored.completed, mine);
  const kept = found.completed > stored.completed ? await writeProgress(redis, namespace, slug, { ...stored, completed: found.completed }) : found.completed;
  // Another evaluation got further meanwhile, or a reset came between: the stored progress is the answer.
  const progress = kept === found.completed ? found : { slug, completed: Math.min(kept, lesson.steps.length), total: lesson.steps.length };
  const known = new Set(before.filter((p) => p.answer !== undefined).map((p) => p.step));
  // After a reset that came between, this evaluation's log is from before it: it decides no prediction.
  const answers = kept < found.completed ? [] : newAnswers(lesson, progress.completed, mine, known);
  await writeAnswers(redis, namespace, slug, answers);
  const predictions = answers.length ? await readPredictions(redis, namespace, slug, asked) : before;
  return predictions.length ? { ...progress, predictions } : progress;
}

/** Keeps a learner's prediction for a step, as long as the step's decisive command has not run yet. */
export async function predict(namespace: Namespace, slug: string, step: number, choice: string): Promise<LessonProgress> {
  const lesson = await requireLesson(namespace, slug);
  const problem = predictionProblem(lesson, step, choice);
  if (problem) throw new DomainError('refused', problem);
  // Decide first: a run whose answer is not recorded yet must count before the choice does.
  const progress = await evaluateLesson(namespace, slug);
  const taken = await writeChoice(appRedis(), namespace, slug, step, choice);
  if (!taken) {
    const answer = progress.predictions?.find((p) => p.step === step)?.answer ?? 'its answer';
    throw new DomainError(
      'conflict',
      `Step ${step} has already been run and Redis answered ${answer}; a prediction is made before the run and cannot be changed after it.`,
    );
  }
  const predictions = [...(progress.predictions ?? []).filter((p) => p.step !== step), { step, choice }].sort((a, b) => a.step - b.step);
  return { ...progress, predictions };
}

export async function listLessons(namespace: Namespace): Promise<(LessonSummary & { completed: number })[]> {
  const [progress, lessons] = await Promise.all([readAllProgress(appRedis(), namespace), lessonsFor(namespace)]);
  return lessons.map(summaryOf).map((summary) => ({ ...summary, completed: Math.min(progress[summary.slug]?.completed ?? 0, summary.steps) }));
}

/**
 * Starts a lesson over: deletes every key of this session (SCAN + UNLINK, never another session's)
 * and the lesson's progress; commands run before now no longer count towards it.
 */
export async function resetLesson(namespace: Namespace, slug: string): Promise<{ deletedKeys: number; progress: LessonProgress }> {
  const lesson = await requireLesson(namespace, slug);
  const redis = appRedis();
  const names = await sessionKeyNames(redis, namespace.prefix);
  let deletedKeys = 0;
  for (let i = 0; i < names.length; i += UNLINK_BATCH) deletedKeys += await redis.unlink(...names.slice(i, i + UNLINK_BATCH));
  // The command log counts whole milliseconds, so a run logged in the reset's own millisecond could
  // be on either side of it. The lesson restarts at the next millisecond, and the reset answers only
  // once that has come: every run before the reset is older, every run after it is not.
  const startedAt = Date.now() + 1;
  await restartProgress(redis, namespace, slug, startedAt);
  await clearStepFields(redis, namespace, slug, lesson.steps.length);
  while (Date.now() < startedAt) await sleep(1);
  return { deletedKeys, progress: { slug, completed: 0, total: lesson.steps.length } };
}

/** The learner opened a step's solution: their teacher's dashboard names who did. */
export async function openSolution(namespace: Namespace, slug: string, step: number): Promise<void> {
  const lesson = await requireLesson(namespace, slug);
  if (step > lesson.steps.length) throw new DomainError('refused', `"${lesson.title}" has steps 1 to ${lesson.steps.length}; there is no step ${step}.`);
  await markSolutionOpened(appRedis(), namespace, slug, step);
}
