import path from 'node:path';
import { freePort } from '../../lib/server/embedded/freePort';
import { startEmbeddedRedis } from '../../lib/server/embedded/redisServer';
import { buildIfStale } from '../../scripts/buildIfStale';
import { startServerProcess } from '../../scripts/serverProcess';

const root = path.resolve(__dirname, '../..');

/** The built app on a free port with its own redis-server, as `npm start` runs it. */
export async function startBenchApp() {
  if (!(await buildIfStale(root))) throw new Error('The build failed; nothing to measure.');
  const redis = await startEmbeddedRedis();
  const port = await freePort();
  const app = startServerProcess({
    port,
    // BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=<dir>", for one, profiles the app server.
    nodeFlags: process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [],
    host: '127.0.0.1',
    // The benchmark floods on purpose; the per-session budget would otherwise answer 429.
    env: { REDIS_URL: redis.url, SESSION_SECRET: 'bench', COMMANDS_PER_10S: '100000000' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready; ) {
    ready = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    redis,
    stop: async () => {
      app.kill('SIGTERM');
      await new Promise((r) => app.once('exit', r));
      await redis.stop();
    },
  };
}

/** A session cookie for one simulated learner. */
export async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/api/keys`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
