import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../lib/server/embedded/freePort';
import { startEmbeddedCluster } from '../../lib/server/embedded/redisCluster';
import { startEmbeddedRedis } from '../../lib/server/embedded/redisServer';
import { buildIfStale } from '../../scripts/buildIfStale';
import { startServerProcess } from '../../scripts/serverProcess';
import { setTimeout as sleep } from 'node:timers/promises';

const root = path.resolve(__dirname, '../..');

/**
 * The bench's own Redis: one redis-server, or with BENCH_REDIS_CLUSTER=1 a private Redis Cluster of
 * 3 primaries (`url` is then its first node).
 */
async function startBenchRedis(): Promise<{ url: string; env: Record<string, string | undefined>; pids: number[]; stop(): Promise<void> }> {
  if (process.env.BENCH_REDIS_CLUSTER) {
    const cluster = await startEmbeddedCluster();
    // The two settings exclude each other: a REDIS_URL in the bench's own environment must not reach the app.
    const pids = cluster.servers.map((server) => server.process.pid!);
    return { url: cluster.servers[0]!.url, env: { REDIS_CLUSTER_NODES: cluster.seeds, REDIS_URL: undefined }, pids, stop: cluster.stop };
  }
  const redis = await startEmbeddedRedis();
  return { url: redis.url, env: { REDIS_URL: redis.url }, pids: [redis.process.pid!], stop: redis.stop };
}

/** CPU seconds (user + system) a process has used so far, from Linux's /proc; NaN elsewhere. */
export function cpuSeconds(pid: number): number {
  try {
    // The fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/**
 * The built app on a free port with its own redis-server, as `npm start` runs it. Its command budget
 * is lifted unless `defaultBudget`: a benchmark floods on purpose, and would otherwise meet 429s.
 */
export async function startBenchApp({ defaultBudget = false } = {}) {
  if (!(await buildIfStale(root))) throw new Error('The build failed; nothing to measure.');
  const redis = await startBenchRedis();
  const port = await freePort();
  const app = startServerProcess({
    port,
    // BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=<dir>", for one, profiles the app server.
    nodeFlags: process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [],
    host: '127.0.0.1',
    env: { ...redis.env, SESSION_SECRET: 'bench', COMMANDS_PER_10S: defaultBudget ? undefined : '100000000' },
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let ready = false; !ready;) {
    ready = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (!ready) await sleep(100);
  }
  return {
    url,
    redis,
    /** The app server's process and Redis's (one per primary on a cluster), for cpuSeconds(). */
    pids: { app: app.pid!, redis: redis.pids },
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
