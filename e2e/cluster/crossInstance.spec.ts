import { request } from '@playwright/test';
import { expect, test } from '../fixtures';
import { Session } from '../pages/session';

/**
 * Two app instances on one Redis Cluster, with no sticky sessions: the browser's pages come from
 * instance B (the base URL), while some of the same session's requests go to instance A, as a
 * load balancer would send them.
 */
const A = process.env.CLUSTER_APP_A!;

test('a command run through instance A appears live in the keys panel of a page on instance B', async ({ keys, page }) => {
  await keys.open();
  expect(await new Session(page.request, A).run('SET cache:data "from A" PX 60000')).toEqual(['OK']);
  await expect(keys.row('cache:data')).toContainText('"from A"');
});

test('a race started on instance A is followed on instance B: its keys, its events, a fault and its end', async ({ keys, page }) => {
  await keys.open();
  // A regeneration of 8 s: a busy machine cannot miss the window for the fault.
  const started = await page.request.post(`${A}/api/sim`, {
    data: { clients: 40, strategy: 'lock-poll', backendLatencyMs: 8_000, backendTimeoutMs: 20_000, lockTtlMs: 20_000, seed: 3 },
  });
  expect(started.status()).toBe(201);
  const { id } = (await started.json()) as { id: string };
  const fault = await page.request.post(`/api/sim/${id}/faults`, { data: { kind: 'delete-key' } });
  expect(fault.status()).toBe(202);

  // The lock the race holds on A shows on B, pushed from the cluster's keyspace events; a race's keys are its own.
  await expect(keys.row(`race:${id}:lock`)).toHaveAttribute('data-kind', 'lock');

  // B streams the race as the race page does, to its end.
  const followed = await page.evaluate(
    (raceId) =>
      new Promise<{ status: string; summary: { served: number }; events: string[] }>((resolve) => {
        const types: string[] = [];
        const source = new EventSource(`/api/sim/${raceId}/events`);
        source.addEventListener('events', (m) => types.push(...(JSON.parse(m.data) as { events: { type: string }[] }).events.map((e) => e.type)));
        source.addEventListener('done', (m) => {
          source.close();
          resolve({ ...(JSON.parse(m.data) as { status: string; summary: { served: number } }), events: types });
        });
      }),
    id,
  );
  expect(followed).toMatchObject({ status: 'done', summary: { served: 40 } });
  expect(followed.events).toContain('fault');

  const [onA, onB] = await Promise.all([A, ''].map(async (base) => (await page.request.get(`${base}/api/sim/${id}`)).json()));
  expect(onB).toEqual(onA);
  expect(onB.events.map((e: { type: string }) => e.type)).toEqual(followed.events);
});

test('a teacher on instance A pushes a step to a participant whose browser is on instance B', async ({ classroom }) => {
  const teacher = await request.newContext({ baseURL: A });
  const { code } = (await (await teacher.post('/api/rooms')).json()) as { code: string };
  const [ada] = await classroom.join(code, 'Ada');
  expect((await teacher.post(`/api/rooms/${code}/push`, { data: { lesson: 'stampede-lock', step: 2 } })).ok()).toBe(true);
  await ada.waitForStep('stampede-lock', 2);
  await teacher.dispose();
});

test('a class race started by a teacher on instance A takes in participants whose browsers are on instance B', async ({ classroom }) => {
  const teacher = await request.newContext({ baseURL: A });
  const { code } = (await (await teacher.post('/api/rooms')).json()) as { code: string };
  const participants = await classroom.join(code, 'Ada', 'Grace');
  const started = await teacher.post(`/api/rooms/${code}/race`, { data: { strategy: 'lock-poll', simulatedClients: 5, backendLatencyMs: 1_000 } });
  expect(started.status()).toBe(201);
  const { raceId } = (await started.json()) as { raceId: string };

  // Each browser hears of the race through B, steps in through B, and follows it on B.
  for (const participant of participants) {
    await participant.waitForRace(raceId);
    const { page } = participant;
    await expect(page.getByTestId('race-lanes')).toHaveAttribute('data-named-lanes', '2', { timeout: 20_000 });
    await expect(page.getByTestId('figure-served')).toHaveText('7', { timeout: 20_000 });
  }

  // The runner on A let them in: its own copy has their lanes, named, and B reads the same.
  const url = `/api/sim/${raceId}?events=none`;
  await expect.poll(async () => ((await (await teacher.get(url)).json()) as { status: string }).status, { timeout: 20_000 }).toBe('done');
  const onA = (await (await teacher.get(url)).json()) as { summary: { clients: number }; labels: Record<string, string> };
  expect(onA.summary.clients).toBe(7);
  expect(Object.values(onA.labels).sort()).toEqual(['Ada', 'Grace']);
  await expect.poll(async () => (await participants[0].page.request.get(url)).json()).toEqual(onA);
  await teacher.dispose();
});
