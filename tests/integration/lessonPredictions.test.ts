import { describe, expect, it } from 'vitest';
import { POST as commandsRoute } from '@/app/api/commands/route';
import { POST as predictionRoute } from '@/app/api/lessons/[slug]/prediction/route';
import { POST as solutionRoute } from '@/app/api/lessons/[slug]/solution/route';
import { GET as lessonRoute } from '@/app/api/lessons/[slug]/route';
import { POST as resetRoute } from '@/app/api/lessons/[slug]/reset/route';
import { GET as lessonsRoute } from '@/app/api/lessons/route';
import { browserSession, routeParams } from '../support/browserSession';

const SEED = 'stampede-lock';
const UP_TO_STEP_3 = 'SET cache:data "initial value"\nSET cache:lock "locked"\nGET cache:data';
const LOCK_ATTEMPT = 'SET cache:lock "locked" NX PX 30000';

/** One browser: its own session, talking to the real route handlers and the real Redis. */
function browser() {
  const { request } = browserSession();
  const params = (slug: string) => routeParams({ slug });
  return {
    run: async (script: string) => (await (await commandsRoute(request('/api/commands', { script, lesson: SEED }))).json()).lesson,
    predict: (body: unknown, slug = SEED) => predictionRoute(request(`/api/lessons/${slug}/prediction`, body), params(slug)),
    openSolution: (body: unknown) => solutionRoute(request(`/api/lessons/${SEED}/solution`, body), params(SEED)),
    progress: async () => (await (await lessonRoute(request(`/api/lessons/${SEED}`), params(SEED))).json()).progress,
    reset: () => resetRoute(request(`/api/lessons/${SEED}/reset`, {}), params(SEED)),
    list: async () => (await (await lessonsRoute(request('/api/lessons'))).json()).lessons,
  };
}

describe('predictions', () => {
  it('are kept before the run, judged by the run, and kept with the progress', async () => {
    const tab = browser();
    await tab.run(UP_TO_STEP_3);
    const kept = await tab.predict({ step: 3, choice: 'OK' });
    expect(kept.status).toBe(200);
    expect((await kept.json()).progress.predictions).toEqual([{ step: 3, choice: 'OK' }]);
    // Changing one's mind before the run is allowed.
    expect((await tab.predict({ step: 3, choice: '(nil)' })).status).toBe(200);

    const lesson = await tab.run(LOCK_ATTEMPT);
    expect(lesson).toMatchObject({ completed: 3, predictions: [{ step: 3, choice: '(nil)', answer: '(nil)' }] });
    // A later run of the same command, now answering OK, does not change what was judged.
    await tab.run(`DEL cache:lock\n${LOCK_ATTEMPT}`);
    expect((await tab.progress()).predictions).toEqual([{ step: 3, choice: '(nil)', answer: '(nil)' }]);
  });

  it('cannot be changed after the run', async () => {
    const tab = browser();
    await tab.run(`${UP_TO_STEP_3}\n${LOCK_ATTEMPT}`);
    const late = await tab.predict({ step: 3, choice: '(nil)' });
    expect(late.status).toBe(409);
    expect((await late.json()).error).toMatch(/Step 3 has already been run and Redis answered \(nil\); a prediction is made before the run/);
  });

  it('never block a run: without one, the step passes and the outcome says no prediction was made', async () => {
    const tab = browser();
    const lesson = await tab.run(`${UP_TO_STEP_3}\n${LOCK_ATTEMPT}\nDEL cache:lock`);
    expect(lesson).toMatchObject({ completed: 4, predictions: [{ step: 3, choice: null, answer: '(nil)' }] });
  });

  it('start over with the lesson', async () => {
    const tab = browser();
    await tab.run(`${UP_TO_STEP_3}\n${LOCK_ATTEMPT}`);
    await tab.reset();
    expect(await tab.progress()).not.toHaveProperty('predictions');
    await tab.run(UP_TO_STEP_3);
    expect((await tab.predict({ step: 3, choice: 'OK' })).status).toBe(200);
    expect((await tab.list()).find((l: { slug: string }) => l.slug === SEED)).toMatchObject({ completed: 2 });
  });

  it.each([
    [{ step: 3, choice: 'maybe' }, 422, /"maybe" is not one of the answers to choose from: OK, \(nil\), "locked"/],
    [{ step: 1, choice: 'OK' }, 422, /Step 1 of "Prevent a cache stampede with a lock" asks for no prediction/],
    [{ step: 0, choice: 'OK' }, 422, /Steps count from 1/],
    [{ step: 2.5, choice: 'OK' }, 422, /Send "step" as the step's number/],
    [{ step: '3', choice: 'OK' }, 422, /Send "step" as the step's number/],
    [{ step: 3 }, 422, /Send "choice" as one of the step's answers/],
    ['{not json', 400, /not valid JSON/],
  ])('refuse %j with a sentence', async (body, status, message) => {
    const response = await browser().predict(body);
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
  });

  it('answer 404 for a lesson that does not exist', async () => {
    const response = await browser().predict({ step: 1, choice: 'OK' }, 'nope');
    expect(response.status).toBe(404);
  });
});

describe('an opened solution', () => {
  it('is noted for the step, and refused for a step the lesson does not have', async () => {
    const tab = browser();
    const opened = await tab.openSolution({ step: 3 });
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({ opened: { lesson: SEED, step: 3 } });
    const wrong = await tab.openSolution({ step: 9 });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error).toMatch(/has steps 1 to 4; there is no step 9/);
  });
});
