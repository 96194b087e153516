import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTable } from '@/lib/server/commands/commandTable';
import { runScript } from '@/lib/server/commands/executor';
import { keysFromRedis } from '@/lib/server/commands/listing';
import { ConfigError, parseSetting } from '@/lib/server/configSchema';
import { maxMemoryBytes } from '@/lib/server/embedded/memoryCeiling';
import { startEmbeddedRedis, type EmbeddedRedis } from '@/lib/server/embedded/redisServer';
import { appRedis } from '@/lib/server/redis/client';
import { ConsoleConnection } from '@/lib/server/redis/consoleConnection';

describe("the private Redis's memory ceiling", () => {
  let server: EmbeddedRedis;
  let direct: Redis;
  beforeAll(async () => {
    process.env.REDIS_MAXMEMORY_MB = '64';
    server = await startEmbeddedRedis();
    delete process.env.REDIS_MAXMEMORY_MB;
    direct = new Redis(server.url);
  });
  afterAll(async () => {
    direct.disconnect();
    await server.stop();
  });

  it('is set, refuses writes (never evicts) once reached, and a bad setting stops the start with a sentence', async () => {
    expect(await direct.config('GET', 'maxmemory')).toEqual(['maxmemory', String(64 * 1024 * 1024)]);
    expect(await direct.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await direct.config('GET', 'client-output-buffer-limit')).toEqual(['client-output-buffer-limit', expect.stringMatching(/^normal 134217728 0 0 /)]);
    expect(maxMemoryBytes(undefined)).toBeGreaterThan(64 * 1024 * 1024);
    for (const bad of ['0', '-5', 'abc', '12.5', '10']) expect(() => parseSetting('REDIS_MAXMEMORY_MB', bad)).toThrow(ConfigError);
    expect(() => parseSetting('REDIS_MAXMEMORY_MB', 'abc')).toThrow('REDIS_MAXMEMORY_MB is "abc"; it takes a whole number of megabytes of 64 or more');
  });

  it("turns Redis's OOM refusal into a sentence a learner can act on", async () => {
    for (let i = 0; i < 8; i += 1) await direct.setrange(`fill${i}`, 10 * 1024 * 1024, 'x').catch(() => undefined);
    const connection = new ConsoleConnection({ host: '127.0.0.1', port: server.port, db: 0, tls: false }, 5_000);
    try {
      const results = await runScript('SET k v\nGET k', {
        table: await commandTable(),
        prefix: 'sl:{0000000000000000}:',
        inTransaction: false,
        send: (commands) => connection.send(commands),
        list: () => Promise.reject(new Error('nothing here lists keys')),
        keysFromRedis: (commands) => keysFromRedis(appRedis(), commands),
      });
      expect(results.map((r) => r.text)).toEqual([
        '(error) OOM the shared Redis has reached its memory ceiling, so nobody can add data until keys are deleted or expire. Tell whoever runs this workshop.',
        '(nil)',
      ]);
    } finally {
      connection.close();
    }
  });
});
