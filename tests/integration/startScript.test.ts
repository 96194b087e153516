import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError } from '@/lib/server/embedded/dataDirLock';
import { startEmbeddedRedis, type EmbeddedRedis } from '@/lib/server/embedded/redisServer';

const root = path.resolve(__dirname, '../..');

function npmStart(env: Record<string, string>) {
  return spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, REDIS_URL: '', REDIS_PERSIST: 'no', PORT: '1', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('the embedded Redis', () => {
  it('tells both fixes and exits non-zero when redis-server is missing and REDIS_URL is unset', () => {
    const run = npmStart({ REDIS_SERVER_BIN: '/nonexistent/redis-server' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/apt-get install redis-server/);
    expect(run.stderr).toMatch(/brew install redis/);
    expect(run.stderr).toMatch(/REDIS_URL=redis:\/\/host:port/);
  });

  it('answers PING on a private port and leaves no process or directory behind when stopped', async () => {
    const redis = await startEmbeddedRedis();
    const pid = redis.process.pid!;
    expect(redis.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
    const dir = (redis.process.spawnargs[redis.process.spawnargs.indexOf('--dir') + 1])!;
    expect(existsSync(dir)).toBe(true);
    await redis.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('the embedded Redis with a data dir', () => {
  let dataDir: string;
  const running: EmbeddedRedis[] = [];
  const start = async () => {
    const redis = await startEmbeddedRedis({ persistIn: path.join(dataDir, 'redis') });
    running.push(redis);
    return redis;
  };

  afterEach(async () => {
    await Promise.all(running.splice(0).map((redis) => redis.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every key across a restart', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'stampede-data-'));
    const first = await start();
    const client = new Redis(first.url);
    await client.set('sl:{0123456789abcdef}:cache:data', 'kept');
    client.disconnect();
    await first.stop();

    const second = await start();
    const again = new Redis(second.url);
    expect(await again.get('sl:{0123456789abcdef}:cache:data')).toBe('kept');
    again.disconnect();
  });

  it('refuses a second server on the same data, and npm start says so in one line', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'stampede-data-'));
    await start();
    await expect(startEmbeddedRedis({ persistIn: path.join(dataDir, 'redis') })).rejects.toBeInstanceOf(DataDirInUseError);

    const second = npmStart({ DATA_DIR: dataDir, REDIS_PERSIST: 'yes' });
    expect(second.status).toBe(1);
    expect(second.stderr.trim().split('\n')).toEqual([
      `Cannot start Redis: another \`npm start\` (pid ${process.pid}) keeps its data in ${path.join(dataDir, 'redis')}. Stop that one, or give this one its own DATA_DIR.`,
    ]);
  });

  it('takes over data whose owner died without letting go', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'stampede-data-'));
    const gone = spawnSync('true').pid;
    await start().then((redis) => redis.stop());
    writeFileSync(path.join(dataDir, 'redis', 'owner.json'), JSON.stringify({ pid: gone, redisPid: gone }));
    const redis = await start();
    expect(redis.url).toMatch(/^redis:\/\//);
  });

  it('will not start with a REDIS_PERSIST it does not understand', () => {
    const run = npmStart({ REDIS_PERSIST: 'maybe' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('REDIS_PERSIST must be "yes" or "no", not "maybe".');
  });
});
