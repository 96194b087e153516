import { parseLog } from './checks/log';
import { evalErrorHint, latestNearMiss } from './checks/nearMiss';
import type { Lesson, LessonProgress, LessonSnapshot, Step } from './types';

/** A step's own hint, led by the near-miss in the latest command when the hint does not name it already. */
function hintFor(step: Step, snapshot: LessonSnapshot, hint: string | undefined): string | undefined {
  const latest = snapshot.log.at(-1);
  // A step that teaches EVAL explains the errors EVAL gives, whatever the check made of the line.
  if (latest && !latest.ok && /^\s*eval\b/i.test(latest.command) && /\bEVAL\b/.test(step.solution)) {
    const help = evalErrorHint(latest.text);
    if (!hint?.includes(help)) return help;
  }
  const typo = latestNearMiss(step.keys, parseLog(snapshot.log));
  if (!typo || hint?.includes(typo)) return hint;
  return hint && !hint.startsWith('Redis key names are exact') ? `${typo} ${hint}` : typo;
}

/**
 * Runs the checks from the first step not yet done, in order, and stops at the first that fails.
 * Steps stay done once passed: step 4 of the seed lesson deletes what step 2 checks for.
 */
export function advance(lesson: Lesson, completed: number, snapshot: LessonSnapshot): LessonProgress {
  let done = Math.max(0, Math.min(completed, lesson.steps.length));
  while (done < lesson.steps.length) {
    const step = lesson.steps[done]!;
    const result = step.check(snapshot);
    if (!result.done) return { slug: lesson.slug, completed: done, total: lesson.steps.length, hint: hintFor(step, snapshot, result.hint) };
    done += 1;
  }
  return { slug: lesson.slug, completed: done, total: lesson.steps.length };
}

/** Only what the learner did since they (re)started the lesson counts towards it. */
export function sinceStart(snapshot: LessonSnapshot, startedAt: number): LessonSnapshot {
  return startedAt > 0 ? { ...snapshot, log: snapshot.log.filter((entry) => entry.at >= startedAt) } : snapshot;
}
