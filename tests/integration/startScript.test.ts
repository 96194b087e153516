import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startEmbeddedRedis } from '@/lib/server/embedded/redisServer';

const root = path.resolve(__dirname, '../..');

describe('the embedded Redis', () => {
  it('tells both fixes and exits non-zero when redis-server is missing and REDIS_URL is unset', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, REDIS_URL: '', REDIS_SERVER_BIN: '/nonexistent/redis-server', PORT: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
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
