import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedRedis, type EmbeddedRedis } from '@/lib/server/embedded/redisServer';
import { KeyEventHub } from '@/lib/server/events/hub';
import { namespaceOf } from '@/lib/server/session/namespace';
import { KEY_LOG_LIMIT } from '@/lib/keys/types';
import { KEY_CHANGES_PER_10S } from '@/lib/server/events/changeRate';
import { eventRecorder } from '../support/events';

/** A script that writes one key `times` times: one keyspace notification per write. */
const writeLoop = (key: string, times: number) => `for i = 1, ${times} do redis.call('INCR', '${key}') end return 1`;

/**
 * One session's write loop floods the hub's subscriber with keyspace notifications. This Redis
 * drops a subscriber 1 MB behind (the default is 32 MB, which 20 scripts of one run can reach),
 * so the drop happens within one script here, on every run of the test.
 */
describe('the key-event hub under another session’s flood of writes', () => {
  let server: EmbeddedRedis;
  let redis: Redis;
  let hub: KeyEventHub;

  beforeAll(async () => {
    server = await startEmbeddedRedis({ extraArgs: ['--client-output-buffer-limit', 'pubsub 1mb 512kb 0'] });
    redis = new Redis(server.url);
    hub = new KeyEventHub(redis, () => redis.duplicate(), 0);
  });

  afterAll(async () => {
    hub?.close();
    redis?.disconnect();
    await server?.stop();
  });

  it('hands a panel no more of a flush than the panel keeps, however often a script wrote a key', async () => {
    const { id, prefix } = namespaceOf('flood-writer');
    const recorder = eventRecorder();
    const stop = await hub.subscribe(id, prefix, recorder.listener);
    // 5,000 notifications of ~60 bytes stay under the 1 MB at which this Redis drops the subscriber.
    await redis.eval(writeLoop(`${prefix}counter`, 5_000), 0);
    await recorder.waitFor((e) => e.key === 'counter' && e.view?.preview === '"5000"');
    expect(recorder.lost).toBe(0);
    for (const batch of recorder.batches) expect(batch.length).toBeLessThanOrEqual(KEY_LOG_LIMIT);
    expect(recorder.seen.length).toBeLessThan(5_000);
    stop();
  });

  it('tells a panel to read its keys afresh when one flush would describe more than 200 keys', async () => {
    const { id, prefix } = namespaceOf('many-keys-writer');
    const recorder = eventRecorder();
    const stop = await hub.subscribe(id, prefix, recorder.listener);
    await redis.eval(`for i = 1, 300 do redis.call('SET', '${prefix}k' .. i, i) end return 1`, 0);
    await expect.poll(() => recorder.lost).toBeGreaterThan(0);
    for (const batch of recorder.batches) expect(new Set(batch.map((e) => e.key)).size).toBeLessThanOrEqual(200);
    stop();
  });

  it('charges a chunk during which Redis dropped the subscriber as if it wrote at full speed, and at least a quarter of the share', async () => {
    const quiet = namespaceOf('counted-writer');
    await hub.accountFor(quiet.id, () => redis.eval(writeLoop(`${quiet.prefix}counter`, 5_000), 0));
    // Every change heard and counted (a little less if a 10 s window just turned: the last one slides out).
    expect(hub.changeRate.recent(quiet.id)).toBeGreaterThan(4_900);
    expect(hub.changeRate.recent(quiet.id)).toBeLessThanOrEqual(5_000);

    // Its changes went with the dropped subscriber: none of the 50,000 was heard.
    const loud = namespaceOf('dropping-writer');
    const recorder = eventRecorder();
    const stop = await hub.subscribe(loud.id, loud.prefix, recorder.listener);
    const drops = hub.drops;
    await hub.accountFor(loud.id, () => redis.eval(writeLoop(`${loud.prefix}counter`, 50_000), 0));
    expect(hub.drops).toBeGreaterThan(drops);
    expect(hub.changeRate.recent(loud.id)).toBeGreaterThanOrEqual(KEY_CHANGES_PER_10S / 4);
    // The subscriber is back (its panels told to read afresh) before the next test counts on it.
    await expect.poll(() => recorder.lost, { timeout: 5_000 }).toBeGreaterThan(0);
    stop();
  });

  it('tells every panel to read afresh once Redis has dropped the subscriber and it is back, and delivers again', async () => {
    const attacker = namespaceOf('flood-attacker');
    const bystander = namespaceOf('flood-bystander');
    const recorder = eventRecorder();
    const stop = await hub.subscribe(bystander.id, bystander.prefix, recorder.listener);
    const subscribers = async () => ((await redis.client('LIST')) as string).split('\n').filter((line) => / psub=1 /.test(line));
    const [before] = await subscribers();

    // 50,000 notifications are 3 MB: Redis drops the subscriber in the middle of the script.
    await redis.eval(writeLoop(`${attacker.prefix}counter`, 50_000), 0);
    await redis.set(`${bystander.prefix}written-while-dropped`, 1);
    await expect.poll(() => recorder.lost, { timeout: 5_000 }).toBeGreaterThan(0);
    const [after] = await subscribers();
    expect(after).toBeDefined();
    expect(after!.split(' ')[0]).not.toBe(before!.split(' ')[0]);

    await redis.set(`${bystander.prefix}written-after`, 1);
    await recorder.waitFor((e) => e.key === 'written-after');
    stop();
  });
});
