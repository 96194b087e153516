import 'server-only';
import { advance, sinceStart } from '@/lib/lessons/progress';
import { lessonBySlug, lessonSummaries } from '@/lib/lessons/registry';
import type { Lesson, LessonProgress, LessonSummary } from '@/lib/lessons/types';
import { appRedis } from '../redis/client';
import type { Namespace } from '../session/namespace';
import { readAllProgress, readProgress, writeProgress } from './progressStore';
import { buildLessonSnapshot, sessionKeyNames } from './snapshot';
import { measurementSettled } from '../session/quota';

const UNLINK_BATCH = 500;

export class UnknownLessonError extends Error {
  constructor(readonly slug: string) {
    super(`There is no lesson called "${slug}". GET /api/lessons lists them.`);
  }
}

function requireLesson(slug: string): Lesson {
  const lesson = lessonBySlug(slug);
  if (!lesson) throw new UnknownLessonError(slug);
  return lesson;
}

/** Checks the session's Redis state against the lesson, saves any step newly done, and reports. */
export async function evaluateLesson(namespace: Namespace, slug: string): Promise<LessonProgress> {
  const lesson = requireLesson(slug);
  const redis = appRedis();
  // A run with a script or EXEC is followed by a SCAN that indexes the keys it made; the check must see them.
  await measurementSettled(namespace);
  const [stored, snapshot] = await Promise.all([readProgress(redis, namespace, slug), buildLessonSnapshot(redis, namespace)]);
  const progress = advance(lesson, stored.completed, sinceStart(snapshot, stored.startedAt));
  if (progress.completed > stored.completed) await writeProgress(redis, namespace, slug, { ...stored, completed: progress.completed });
  return progress;
}

export async function listLessons(namespace: Namespace): Promise<(LessonSummary & { completed: number })[]> {
  const progress = await readAllProgress(appRedis(), namespace);
  return lessonSummaries().map((summary) => ({ ...summary, completed: Math.min(progress[summary.slug]?.completed ?? 0, summary.steps) }));
}

/**
 * Starts a lesson over: deletes every key of this session (SCAN + UNLINK, never another session's)
 * and the lesson's progress; commands run before now no longer count towards it.
 */
export async function resetLesson(namespace: Namespace, slug: string): Promise<{ deletedKeys: number; progress: LessonProgress }> {
  const lesson = requireLesson(slug);
  const redis = appRedis();
  const names = await sessionKeyNames(redis, namespace.prefix);
  let deletedKeys = 0;
  for (let i = 0; i < names.length; i += UNLINK_BATCH) deletedKeys += await redis.unlink(...names.slice(i, i + UNLINK_BATCH));
  // The command log counts whole milliseconds, so a run logged in the reset's own millisecond could
  // be on either side of it. The lesson restarts at the next millisecond, and the reset answers only
  // once that has come: every run before the reset is older, every run after it is not.
  const startedAt = Date.now() + 1;
  await writeProgress(redis, namespace, slug, { completed: 0, startedAt });
  while (Date.now() < startedAt) await new Promise((resolve) => setTimeout(resolve, 1));
  return { deletedKeys, progress: { slug, completed: 0, total: lesson.steps.length } };
}
