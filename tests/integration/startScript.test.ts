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
    const dir = redis.process.spawnargs[redis.process.spawnargs.indexOf('--dir') + 1]!;
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
});

/** Each bad setting, and the one sentence it stops the start with. */
const BAD_SETTINGS: [Record<string, string>, string][] = [
  [{ PORT: '99999' }, 'PORT is "99999"; it takes a whole number from 1 to 65535, e.g. PORT=3000.'],
  [{ SESSION_MAX_KEYS: '0' }, 'SESSION_MAX_KEYS is "0"; it takes a whole number of 1 or more, e.g. SESSION_MAX_KEYS=1000.'],
  [{ SESSION_IDLE_MINUTES: '-5' }, 'SESSION_IDLE_MINUTES is "-5"; it takes a whole number of minutes of 1 or more, e.g. SESSION_IDLE_MINUTES=1440.'],
  [{ COMMANDS_PER_10S: 'abc' }, 'COMMANDS_PER_10S is "abc"; it takes a whole number of 1 or more, e.g. COMMANDS_PER_10S=5000.'],
  [{ REDIS_PERSIST: 'maybe' }, 'REDIS_PERSIST is "maybe"; it takes "yes" or "no".'],
  [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL is "loud"; it takes one of fatal, error, warn, info, debug, trace, silent.'],
  [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN is 5 characters long; it takes a token of at least 16 characters, e.g. METRICS_TOKEN=$(openssl rand -hex 24).'],
];

describe('a bad setting', () => {
  // REDIS_SERVER_BIN names no binary: a start that got as far as Redis would fail with another sentence.
  for (const [env, sentence] of BAD_SETTINGS) {
    it(`stops npm start before Redis: ${JSON.stringify(env)}`, () => {
      const run = npmStart({ ...env, REDIS_SERVER_BIN: '/nonexistent/redis-server' });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(sentence);
    });
  }

  // One test per setting: each start loads the server's TypeScript, several seconds on a busy machine.
  for (const [env, sentence] of BAD_SETTINGS.slice(0, 4)) {
    it(`stops the app server itself, started without npm start, before it loads Next or reaches Redis: ${JSON.stringify(env)}`, () => {
      // A Redis URL no Redis answers: the server must stop on the setting, not on the connection.
      const run = spawnSync(process.execPath, ['scripts/launchServer.mjs'], {
        cwd: root,
        env: { ...process.env, REDIS_URL: 'redis://127.0.0.1:1', ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe(sentence);
    });
  }
});
