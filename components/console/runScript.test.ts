import { beforeEach, describe, expect, it, vi } from 'vitest';

await vi.hoisted(async () => (await import('@/lib/stores/testing')).installMemoryStorage());

const { resetStore, useAppStore } = await import('@/lib/stores');
const { runScript } = await import('./runScript');

const answer = (status: number, body: unknown) => (() => Promise.resolve(Response.json(body, { status }))) as typeof fetch;
const state = () => useAppStore.getState();

beforeEach(() => resetStore());

describe('runScript', () => {
  it('logs results at the editor line they came from', async () => {
    const fake = answer(200, { results: [{ line: 1, command: 'GET a', ok: true, reply: null, text: '(nil)', ms: 0.1 }] });
    await runScript('GET a', 4, fake);
    const [entry] = state().entries;
    expect(entry?.kind === 'results' && entry.results[0]?.line).toBe(4);
    expect(state().running).toBe(false);
  });

  it('saves the run in history', async () => {
    await runScript('PING', 1, answer(200, { results: [] }));
    expect(state().history.map((h) => h.script)).toEqual(['PING']);
  });

  it('shows a request error and marks Redis down on 503', async () => {
    await runScript('PING', 1, answer(503, { error: 'Redis is not reachable right now.' }));
    expect(state().entries).toEqual([{ id: 1, kind: 'error', status: 503, message: 'Redis is not reachable right now.' }]);
    expect(state().health.redis).toBe('down');
  });

  it('marks Redis up again when a run succeeds', async () => {
    state().setHealth({ redis: 'down', version: '7.0.15' });
    await runScript('PING', 1, answer(200, { results: [] }));
    expect(state().health).toEqual({ redis: 'up', version: '7.0.15' });
  });

  it('names the open lesson and keeps the progress the answer carries', async () => {
    const bodies: unknown[] = [];
    const fake = ((_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)));
      return Promise.resolve(Response.json({ results: [], lesson: { slug: 'stampede-lock', completed: 1, total: 4 } }));
    }) as typeof fetch;
    state().setOpenLesson('stampede-lock');
    await runScript('SET cache:data "initial value"', 1, fake);
    expect(bodies).toEqual([{ script: 'SET cache:data "initial value"', lesson: 'stampede-lock' }]);
    expect(state().lessonProgress).toEqual({ slug: 'stampede-lock', completed: 1, total: 4 });
  });

  it('ignores progress for a lesson no longer open', () => {
    state().setOpenLesson('xfetch');
    state().setLessonProgress({ slug: 'stampede-lock', completed: 1, total: 4 }, state().askProgress());
    expect(state().lessonProgress).toBeNull();
  });

  it('ignores blank scripts and runs while one is in flight', async () => {
    await runScript('  ', 1, answer(200, { results: [] }));
    state().setRunning(true);
    await runScript('PING', 1, answer(200, { results: [] }));
    expect(state().entries).toEqual([]);
    expect(state().history).toEqual([]);
  });
});
