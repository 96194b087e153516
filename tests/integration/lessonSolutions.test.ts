import { describe, expect, it } from 'vitest';
import { LESSONS } from '@/lib/lessons/registry';
import { evaluateLesson } from '@/lib/server/lessons/service';
import { newLearner } from '../support/learner';

/** Every step's own solution, run on a real Redis in a fresh session, completes exactly that step. */
describe('lesson solutions', () => {
  for (const lesson of LESSONS) {
    it(`complete "${lesson.slug}" one step at a time`, { timeout: 30_000 }, async () => {
      const learner = newLearner();
      expect(await evaluateLesson(learner.session.namespace, lesson.slug)).toMatchObject({ completed: 0 });
      for (const [i, step] of lesson.steps.entries()) {
        const results = await learner.run(step.solution);
        const errors = results.filter((r) => r.text.startsWith('(error)'));
        expect(errors, `step ${i + 1} ran without errors`).toEqual([]);
        const progress = await evaluateLesson(learner.session.namespace, lesson.slug);
        expect({ step: i + 1, ...progress }).toMatchObject({ step: i + 1, completed: i + 1, total: lesson.steps.length });
      }
    });
  }
});
