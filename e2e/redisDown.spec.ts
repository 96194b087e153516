import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedRedis, type EmbeddedRedis } from '../lib/server/embedded/redisServer';
import { expect, test } from './fixtures';
import { startAppServer, type AppServer } from './support/appServer';

let redis: EmbeddedRedis;
let app: AppServer;

test.beforeAll(async () => {
  redis = await startEmbeddedRedis();
  app = await startAppServer(redis.url);
});

test.afterAll(async () => {
  await app?.stop();
  await redis?.stop();
});

test('while Redis is down the learner sees a banner and a clear error, and both recover by themselves', async ({
  unopenedPlayground: playground,
  page,
  health,
}) => {
  await playground.open(app.url);
  await playground.type('SET survivor 1');
  await playground.run();
  await expect(playground.lastText).toContainText('OK');

  await redis.stop();
  await health.expectRedisDown();
  const down = await page.request.post(`${app.url}/api/commands`, { data: { script: 'GET survivor' } });
  expect(down.status()).toBe(503);
  expect((await down.json()).error).toMatch(/Redis is not reachable/);
  expect((await page.request.get(`${app.url}/api/health`)).status()).toBe(503);

  redis = await startEmbeddedRedis({ port: redis.port });
  await health.expectCleared();
  await playground.type('INCR counter');
  await playground.run();
  await expect(playground.lastText).toContainText('(integer) 1');
});

test('a workshop carries on across a Redis restart: progress stays, and a page opened during the outage still follows the room', async ({ classroom }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'stampede-workshop-'));
  // Its own Redis that keeps its data, as `npm start` runs it, and its own app.
  let persistent = await startEmbeddedRedis({ persistIn: dataDir });
  const workshopApp = await startAppServer(persistent.url);
  try {
    const room = classroom.on(workshopApp.url);
    const { dashboard, code } = await room.openRoom();
    const [ada] = await room.join(code, 'Ada');
    await ada.run('SET cache:data "initial value"', 'stampede-lock');
    await expect(dashboard.step('Ada')).toHaveText('2 / 4');

    await persistent.stop();
    // Opened while Redis is down, the page's room stream and room lookup are refused at first.
    await ada.page.reload();
    await ada.health.expectRedisDown();
    await dashboard.health.expectRedisDown();

    persistent = await startEmbeddedRedis({ persistIn: dataDir, port: persistent.port });
    await expect(ada.roomBar).toContainText(code, { timeout: 15_000 });
    await dashboard.health.expectCleared();
    await expect(dashboard.step('Ada')).toHaveText('2 / 4');
    await dashboard.push('Prevent a cache stampede with a lock', 3);
    await ada.waitForStep('stampede-lock', 3);
  } finally {
    await workshopApp.stop();
    await persistent.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
