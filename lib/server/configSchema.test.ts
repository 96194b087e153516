import { describe, expect, it } from 'vitest';
import { ConfigError, parseRedisUrl, readConfig } from './configSchema';

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
