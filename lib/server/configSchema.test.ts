import { describe, expect, it } from 'vitest';
import { ConfigError, parseClusterNodes, parseRedisUrl, readConfig, readSettings } from './configSchema';

describe('configuration', () => {
  it('reads REDIS_URL with credentials, database and TLS', () => {
    expect(parseRedisUrl('rediss://app:p%40ss@cache.internal:6380/2')).toEqual({
      host: 'cache.internal',
      port: 6380,
      username: 'app',
      password: 'p@ss',
      db: 2,
      tls: true,
    });
    expect(parseRedisUrl('redis://127.0.0.1')).toMatchObject({ port: 6379, db: 0, tls: false });
  });

  const bad: [string, RegExp][] = [
    ['not a url', /not a URL/],
    ['http://localhost:6379', /must start with redis:\/\//],
    ['redis://localhost:6379/x', /not a number/],
  ];
  for (const [url, message] of bad) it(`explains a bad REDIS_URL: ${url}`, () => expect(() => parseRedisUrl(url)).toThrow(message));

  it('says how to fix a missing REDIS_URL', () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(/npm start/);
  });

  it('restarts Redis under an unkillable script only when npm start says it supervises that Redis', () => {
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redisSupervised).toBe(false);
    expect(readConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_SUPERVISED: 'yes' }).redisSupervised).toBe(true);
  });
});

describe('cluster configuration', () => {
  it('reads REDIS_CLUSTER_NODES as seed nodes, with credentials and TLS from URL entries', () => {
    expect(readConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002' })).toMatchObject({
      redis: { host: '10.0.0.1', port: 7000, db: 0, tls: false, username: undefined, password: undefined },
      clusterNodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      // Only npm start's own Redis is ever restarted under a script, and that is never a cluster.
      redisSupervised: false,
    });
    expect(parseClusterNodes('rediss://app:secret@a:7000,rediss://app:secret@b:7000').endpoint).toMatchObject({
      username: 'app',
      password: 'secret',
      tls: true,
    });
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'a:7000' }, /not both/],
    [{ REDIS_CLUSTER_NODES: ' , ' }, /names no node/],
    [{ REDIS_CLUSTER_NODES: 'a:7000,b' }, /"b", which is not host:port/],
    [{ REDIS_CLUSTER_NODES: 'a:7000,b:port' }, /"b:port", which is not host:port/],
    [{ REDIS_CLUSTER_NODES: 'redis://a:7000/1' }, /only database 0/],
    [{ REDIS_CLUSTER_NODES: 'rediss://a:7000,b:7000' }, /reached the same way/],
  ];
  for (const [env, message] of bad) {
    it(`explains ${JSON.stringify(env)} in one line`, () => {
      expect(() => readConfig(env)).toThrow(message);
      expect(() => readConfig(env)).toThrow(/^[^\n]+$/);
    });
  }
});

describe('settings', () => {
  it('has a default for every setting left unset or empty', () => {
    expect(readSettings({ PORT: '', SESSION_MAX_KEYS: '' })).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '.data',
      redisPersist: true,
      redisMaxMemoryMb: undefined,
      redisServerBin: 'redis-server',
      redisCliBin: 'redis-cli',
      sessionSecret: undefined,
      sessionMaxKeys: 1_000,
      sessionMaxMemoryMb: 8,
      commandsPer10s: 5_000,
      sessionIdleMinutes: 1_440,
      logLevel: 'info',
      metricsToken: undefined,
      lessonsDir: undefined,
    });
  });

  it('reads what it is given', () => {
    const env = {
      PORT: '8080',
      SESSION_MAX_MEMORY_MB: '0.5',
      REDIS_PERSIST: 'no',
      LOG_LEVEL: 'debug',
      METRICS_TOKEN: 'x'.repeat(16),
      REDIS_MAXMEMORY_MB: '64',
      LESSONS_DIR: 'e2e/fixtures/lessons',
    };
    expect(readSettings(env)).toMatchObject({
      port: 8080,
      sessionMaxMemoryMb: 0.5,
      redisPersist: false,
      logLevel: 'debug',
      metricsToken: 'x'.repeat(16),
      redisMaxMemoryMb: 64,
      lessonsDir: 'e2e/fixtures/lessons',
    });
  });

  const bad: [Record<string, string>, string][] = [
    [{ PORT: '0' }, 'PORT is "0"'],
    [{ PORT: '3000.5' }, 'PORT is "3000.5"'],
    [{ SESSION_MAX_MEMORY_MB: '0' }, 'SESSION_MAX_MEMORY_MB is "0"; it takes a number of megabytes above 0'],
    [{ REDIS_URL: 'redis://a:6379', REDIS_SUPERVISED: 'true' }, 'REDIS_SUPERVISED is "true"; it takes "yes" or "no".'],
    [{ REDIS_MAXMEMORY_MB: '10' }, 'REDIS_MAXMEMORY_MB is "10"; it takes a whole number of megabytes of 64 or more'],
    [{ LESSONS_DIR: '/no/such/folder' }, 'LESSONS_DIR is "/no/such/folder"; it takes a folder that exists and the app may read'],
    [{ LESSONS_DIR: 'package.json' }, 'LESSONS_DIR is "package.json"; it takes a folder that exists and the app may read'],
  ];
  for (const [env, sentence] of bad) {
    it(`refuses ${JSON.stringify(env)} with one sentence`, () => {
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(sentence);
      expect(() => readConfig(env)).toThrow(/^[^\n]+\.$/);
    });
  }

  it('never repeats a secret back', () => {
    expect(() => readSettings({ METRICS_TOKEN: 'hunter2' })).toThrow(/^METRICS_TOKEN is 7 characters long; /);
  });
});
