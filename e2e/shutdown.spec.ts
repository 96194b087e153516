import { startEmbeddedRedis } from '../lib/server/embedded/redisServer';
import { expect, test } from './fixtures';
import { startAppServer } from './support/appServer';

/** Stopping must never wait on a browser; a stop that hangs fails here rather than at the suite's end. */
const STOP_BOUND_MS = 30_000;

test("the app server stops on SIGTERM while a learner's page keeps its event stream open, and the page says so", async ({ keys, health }) => {
  const redis = await startEmbeddedRedis();
  const app = await startAppServer(redis.url);
  try {
    await keys.open(`${app.url}/race`);

    // The page reconnects the moment its stream ends, on a kept-alive connection the server still has.
    const stopped = app.stop().then(() => 'stopped');
    const bound = new Promise((resolve) => setTimeout(resolve, STOP_BOUND_MS, 'still running'));
    expect(await Promise.race([stopped, bound])).toBe('stopped');
    await health.expectServerGone();
  } finally {
    await app.stop();
    await redis.stop();
  }
});
