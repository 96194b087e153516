import { describe, expect, it } from 'vitest';
import { POST as commandsRoute } from '@/app/api/commands/route';
import { GET as lessonRoute } from '@/app/api/lessons/[slug]/route';
import { POST as resetRoute } from '@/app/api/lessons/[slug]/reset/route';
import { GET as lessonsRoute } from '@/app/api/lessons/route';
import { browserSession, routeParams } from '../support/browserSession';

function browser() {
  const { request } = browserSession();
  const params = (slug: string) => routeParams({ slug });
  return {
    run: (body: unknown) => commandsRoute(request('/api/commands', body)),
    lesson: (slug: string) => lessonRoute(request(`/api/lessons/${slug}`), params(slug)),
    reset: (slug: string) => resetRoute(request(`/api/lessons/${slug}/reset`, {}), params(slug)),
    list: () => lessonsRoute(request('/api/lessons')),
  };
}

describe('lesson API', () => {
  it("POST /api/commands answers the open lesson's progress with the results", async () => {
    const tab = browser();
    const response = await tab.run({ script: 'SET cache:data "initial value"', lesson: 'stampede-lock' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      results: [{ text: 'OK' }],
      lesson: { slug: 'stampede-lock', completed: 1, total: 4, hint: expect.any(String) },
    });
    const without = await (await tab.run({ script: 'PING' })).json();
    expect(without).not.toHaveProperty('lesson');
  });

  it.each([
    [{ script: 'PING', lesson: 'no-such-lesson' }, /no lesson called "no-such-lesson"/],
    [{ script: 'PING', lesson: 42 }, /"lesson" as a lesson's slug/],
  ])('POST /api/commands answers 422 for a bad lesson: %j', async (body, message) => {
    const response = await browser().run(body);
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(message);
  });

  it("GET /api/lessons/<slug> sends content without checks, and this session's progress", async () => {
    const tab = browser();
    await tab.run({ script: 'SET cache:data "initial value"' });
    const body = await (await tab.lesson('stampede-lock')).json();
    expect(body.lesson.steps).toHaveLength(4);
    expect(body.lesson.steps[0]).toMatchObject({ title: 'Cache a value', keys: ['cache:data'], solution: 'SET cache:data "initial value"' });
    expect(body.progress).toMatchObject({ completed: 1, total: 4 });
  });

  it("GET /api/lessons lists every lesson with this session's progress", async () => {
    const { lessons } = await (await browser().list()).json();
    expect(lessons.length).toBeGreaterThanOrEqual(7);
    expect(lessons[0]).toEqual(expect.objectContaining({ slug: 'stampede-lock', steps: 4, completed: 0 }));
  });

  it('POST /api/lessons/<slug>/reset starts over', async () => {
    const tab = browser();
    await tab.run({ script: 'SET cache:data "initial value"', lesson: 'stampede-lock' });
    const body = await (await tab.reset('stampede-lock')).json();
    expect(body).toEqual({ deletedKeys: 1, progress: { slug: 'stampede-lock', completed: 0, total: 4 } });
  });

  it('answers 404 with a sentence for an unknown lesson, and gives a first-time client its session', async () => {
    for (const response of [await browser().lesson('nope'), await browser().reset('nope')]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error).toMatch(/no lesson called "nope"/);
    }
    const anonymous = await lessonsRoute(new Request('http://localhost/api/lessons'));
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers.get('set-cookie')).toMatch(/^stampede_session=[\w-]{22}\./);
  });
});
