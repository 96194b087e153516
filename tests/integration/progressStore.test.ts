import { describe, expect, it } from 'vitest';
import { appRedis } from '@/lib/server/redis/client';
import { readProgress, writeProgress } from '@/lib/server/lessons/progressStore';
import { evaluateLesson, resetLesson } from '@/lib/server/lessons/service';
import { newLearner } from '../support/learner';

const SLUG = 'stampede-lock';

/*
 * Two evaluations of one lesson overlap when a page load and a run (or two tabs) ask at once: each
 * reads the stored progress, checks the keys, and writes what it found. These tests play the
 * interleavings step by step: what each evaluation read, then the writes in the unlucky order.
 */
describe('stored lesson progress', () => {
  it('is not lowered by an evaluation that read it before another one raised it', async () => {
    const { session } = newLearner();
    const read = await readProgress(appRedis(), session.namespace, SLUG);
    // The faster evaluation saw both steps done; the slower one, which read the keys earlier, only the first.
    await writeProgress(appRedis(), session.namespace, SLUG, { ...read, completed: 2 });
    await writeProgress(appRedis(), session.namespace, SLUG, { ...read, completed: 1 });
    expect(await readProgress(appRedis(), session.namespace, SLUG)).toEqual({ completed: 2, startedAt: 0 });
    // A reload reads the progress that had been shown.
    expect(await evaluateLesson(session.namespace, SLUG)).toMatchObject({ completed: 2, total: 4 });
  });

  it('is not written back over a reset by an evaluation that read it before the reset', async () => {
    const learner = newLearner();
    await learner.run('SET cache:data "initial value"\nSET cache:lock "locked"');
    expect(await evaluateLesson(learner.session.namespace, SLUG)).toMatchObject({ completed: 2 });
    const read = await readProgress(appRedis(), learner.session.namespace, SLUG);
    const { progress } = await resetLesson(learner.session.namespace, SLUG);
    expect(progress.completed).toBe(0);
    // The evaluation that read before the reset found step 3 done in the log from before it.
    await writeProgress(appRedis(), learner.session.namespace, SLUG, { ...read, completed: 3 });
    expect(await readProgress(appRedis(), learner.session.namespace, SLUG)).toMatchObject({ completed: 0 });
    expect(await evaluateLesson(learner.session.namespace, SLUG)).toMatchObject({ completed: 0 });
  });

  it('is raised by evaluations that overlap, whatever order their reads and writes take', async () => {
    const learner = newLearner();
    await learner.run('SET cache:data "initial value"\nSET cache:lock "locked"');
    const answers = await Promise.all(Array.from({ length: 8 }, () => evaluateLesson(learner.session.namespace, SLUG)));
    expect(answers.map((answer) => answer.completed)).toEqual(Array(8).fill(2));
    expect(await readProgress(appRedis(), learner.session.namespace, SLUG)).toEqual({ completed: 2, startedAt: 0 });
  });
});
