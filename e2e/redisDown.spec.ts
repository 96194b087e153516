import { startEmbeddedRedis, type EmbeddedRedis } from '../lib/server/embedded/redisServer';
import { Playground } from './pages/playground';
import { startAppServer, type AppServer } from './support/appServer';
import { expect, test } from '@playwright/test';

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

test('while Redis is down the learner sees a banner and a clear error, and both recover by themselves', async ({ page }) => {
  const playground = new Playground(page);
  await playground.open(app.url);
  await playground.type('SET survivor 1');
  await playground.run();
  await expect(playground.results.last()).toContainText('OK');

  await redis.stop();
  const banner = page.getByTestId('health-banner');
  await expect(banner).toContainText(/Redis is not reachable/, { timeout: 15_000 });
  const down = await page.request.post(`${app.url}/api/commands`, { data: { script: 'GET survivor' } });
  expect(down.status()).toBe(503);
  expect((await down.json()).error).toMatch(/Redis is not reachable/);
  expect((await page.request.get(`${app.url}/api/health`)).status()).toBe(503);

  redis = await startEmbeddedRedis({ port: redis.port });
  await expect(banner).toBeHidden({ timeout: 15_000 });
  await playground.type('INCR counter');
  await playground.run();
  await expect(playground.results.last()).toContainText('(integer) 1');
});
