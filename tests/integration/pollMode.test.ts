import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis, type EmbeddedRedis } from '@/lib/server/embedded/redisServer';
import { KeyEventHub } from '@/lib/server/events/hub';
import { namespaceOf } from '@/lib/server/session/namespace';
import { eventRecorder } from '../support/events';

/**
 * Managed Redis services refuse CONFIG, so the app cannot turn keyspace notifications on. This
 * Redis is started that way (CONFIG renamed out of reach, notifications off) to prove the hub
 * falls back to polling and keys still arrive.
 */
describe('a Redis that refuses CONFIG', () => {
  let server: EmbeddedRedis;
  let redis: Redis;
  let hub: KeyEventHub;

  beforeAll(async () => {
    server = await startEmbeddedRedis({ extraArgs: ['--notify-keyspace-events', '', '--rename-command', 'CONFIG', '""'] });
    redis = new Redis(server.url, { protocol: 2, lazyConnect: false });
    hub = new KeyEventHub(redis, () => redis.duplicate(), 0);
  });

  afterAll(async () => {
    hub?.close();
    redis?.disconnect();
    await server?.stop();
  });

  it('really refuses CONFIG', async () => {
    await expect(redis.config('GET', 'notify-keyspace-events')).rejects.toThrow(/unknown command/i);
  });

  it('puts the hub in poll mode, and changes still arrive', async () => {
    expect(await hub.mode()).toBe('poll');
    const { id, prefix } = namespaceOf('poll-mode-learner');
    const recorder = eventRecorder();
    const stop = await hub.subscribe(id, prefix, recorder.listener);

    await redis.set(`${prefix}cache:lock`, 'owner-1', 'PX', 60_000);
    const added = await recorder.waitFor((e) => e.key === 'cache:lock' && e.event === 'set');
    expect(added.view).toMatchObject({ key: 'cache:lock', type: 'string', preview: '"owner-1"' });
    expect(added.view!.expiresAt! - added.at).toBeGreaterThan(55_000);

    await redis.pexpire(`${prefix}cache:lock`, 120_000);
    const changed = await recorder.waitFor((e) => e.event === 'changed');
    expect(changed.view!.expiresAt! - changed.at).toBeGreaterThan(100_000);

    await redis.del(`${prefix}cache:lock`);
    expect(await recorder.waitFor((e) => e.event === 'removed')).toMatchObject({ key: 'cache:lock', view: null });
    stop();
  });
});
