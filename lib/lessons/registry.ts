import { buildYourOwn } from './content/build-your-own';
import { fencingTokens } from './content/fencing-tokens';
import { leases } from './content/leases';
import { lockExpiry } from './content/lock-expiry';
import { manyKeys } from './content/many-keys';
import { safeRelease } from './content/safe-release';
import { stampedeLock } from './content/stampede-lock';
import { staleWhileRevalidate } from './content/stale-while-revalidate';
import { theMiss } from './content/the-miss';
import { twoLevels } from './content/two-levels';
import { waitingWell } from './content/waiting-well';
import { xfetch } from './content/xfetch';
import type { Lesson, LessonSummary, LessonView } from './types';

/** Every lesson, in the order the list shows them. Adding a lesson: one file in content/, one line here. */
export const LESSONS: readonly Lesson[] = [
  stampedeLock,
  theMiss,
  lockExpiry,
  safeRelease,
  waitingWell,
  staleWhileRevalidate,
  xfetch,
  manyKeys,
  leases,
  twoLevels,
  fencingTokens,
  buildYourOwn,
];

export const SEED_LESSON_SLUG = stampedeLock.slug;

export function lessonBySlug(slug: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.slug === slug);
}

/** The lesson without its checks: what a page may send to the browser. */
export function lessonView({ steps, ...rest }: Lesson): LessonView {
  return {
    ...rest,
    steps: steps.map(({ check: _check, prediction, ...step }) => {
      if (!prediction) return step;
      const { observe: _observe, ...asked } = prediction;
      return { ...step, prediction: asked };
    }),
  };
}

export const summaryOf = ({ slug, title, summary, track, steps }: Lesson): LessonSummary => ({ slug, title, summary, track, steps: steps.length });

/** The built-in lessons' summaries; the server adds LESSONS_DIR's and a workshop's (lib/server/lessons/catalog.ts). */
export function lessonSummaries(): LessonSummary[] {
  return LESSONS.map(summaryOf);
}
