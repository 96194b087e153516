import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

await vi.hoisted(async () => (await import('@/lib/stores/testing')).installMemoryStorage());

const { resetStore, useAppStore } = await import('@/lib/stores');
const { runScript } = await import('@/components/console/runScript');
const { loadLessonProgress } = await import('./useLessonProgress');

const SLUG = 'stampede-lock';
const state = () => useAppStore.getState();
const progress = (completed: number) => ({ slug: SLUG, completed, total: 4 });
const lessonAnswer = (completed: number) => Response.json({ lesson: {}, progress: progress(completed) });

beforeEach(() => {
  resetStore();
  state().setOpenLesson(SLUG);
});
afterEach(() => vi.useRealTimers());

describe('the progress a lesson page shows', () => {
  it('is not put back to what it was before a run by a page load the server answers after the run', async () => {
    let answerLoad!: (response: Response) => void;
    const slowLoad = (() => new Promise<Response>((resolve) => (answerLoad = resolve))) as typeof fetch;
    const loading = loadLessonProgress(SLUG, new AbortController().signal, slowLoad);

    const run = (() => Promise.resolve(Response.json({ results: [], lesson: progress(2) }))) as typeof fetch;
    await runScript('SET cache:data "initial value"\nSET cache:lock "locked"', 1, run);
    expect(state().lessonProgress).toEqual(progress(2));

    // The load read the progress before the run wrote it.
    answerLoad(lessonAnswer(0));
    await loading;
    expect(state().lessonProgress).toEqual(progress(2));
  });

  it('is loaded again while the server cannot answer, instead of staying unknown', async () => {
    vi.useFakeTimers();
    const answers = [Response.json({ error: 'Redis is not reachable right now.' }, { status: 503 }), lessonAnswer(2)];
    const load = (() => Promise.resolve(answers.shift()!)) as typeof fetch;
    const loading = loadLessonProgress(SLUG, new AbortController().signal, load);
    await vi.advanceTimersByTimeAsync(0);
    expect(state().lessonProgress).toBeNull();
    await vi.advanceTimersByTimeAsync(2_000);
    await loading;
    expect(state().lessonProgress).toEqual(progress(2));
  });

  it('stops loading once the learner has left the lesson', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const failing = (() => ((calls += 1), Promise.resolve(Response.json({ error: 'down' }, { status: 503 })))) as typeof fetch;
    const leave = new AbortController();
    const loading = loadLessonProgress(SLUG, leave.signal, failing);
    await vi.advanceTimersByTimeAsync(0);
    leave.abort();
    state().setOpenLesson(null);
    await vi.advanceTimersByTimeAsync(10_000);
    await loading;
    expect(calls).toBe(1);
  });
});
