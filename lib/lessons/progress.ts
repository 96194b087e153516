import type { Lesson, LessonProgress, LessonSnapshot } from './types';

/**
 * Runs the checks from the first step not yet done, in order, and stops at the first that fails.
 * Steps stay done once passed: step 4 of the seed lesson deletes what step 2 checks for.
 */
export function advance(lesson: Lesson, completed: number, snapshot: LessonSnapshot): LessonProgress {
  let done = Math.max(0, Math.min(completed, lesson.steps.length));
  while (done < lesson.steps.length) {
    const result = lesson.steps[done]!.check(snapshot);
    if (!result.done) return { slug: lesson.slug, completed: done, total: lesson.steps.length, hint: result.hint };
    done += 1;
  }
  return { slug: lesson.slug, completed: done, total: lesson.steps.length };
}

/** Only what the learner did since they (re)started the lesson counts towards it. */
export function sinceStart(snapshot: LessonSnapshot, startedAt: number): LessonSnapshot {
  return startedAt > 0 ? { ...snapshot, log: snapshot.log.filter((entry) => entry.at >= startedAt) } : snapshot;
}
