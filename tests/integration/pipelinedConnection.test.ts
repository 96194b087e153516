import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRedisUrl } from '@/lib/server/configSchema';
import { encodeCommand } from '@/lib/server/redis/commandWriter';
import { ConnectionClosedError, PipelinedConnection } from '@/lib/server/redis/pipelinedConnection';
import { ReplyError } from '@/lib/server/redis/valueDecoder';
import { setTimeout as sleep } from 'node:timers/promises';

const endpoint = () => parseRedisUrl(process.env.REDIS_URL!);
const opened: PipelinedConnection[] = [];
const open = (replyTimeoutMs = 5_000, overrides = {}) => {
  const connection = new PipelinedConnection({ ...endpoint(), ...overrides }, replyTimeoutMs);
  opened.push(connection);
  return connection;
};
afterEach(() => opened.splice(0).forEach((connection) => connection.close()));

const key = (name: string) => `test:pipelined:${randomBytes(6).toString('hex')}:${name}`;

describe("a race's pipelined connection, against a real Redis", () => {
  it('answers every reply type as a plain value, in order', async () => {
    const redis = open();
    const [k, list] = [key('k'), key('list')];
    const replies = await Promise.all([
      redis.call(['SET', k, 'héllo wörld']),
      redis.call(['GET', k]),
      redis.call(['GET', key('missing')]),
      redis.call(['INCRBY', key('n'), -42]),
      redis.call(['RPUSH', list, 'a', 'b']),
      redis.call(['LRANGE', list, 0, -1]),
      redis.send(encodeCommand(['EXISTS', k])),
      redis.call(['SET', k, 'x', 'PX', 5_000, 'NX'], (reply) => reply === 'OK'),
    ]);
    expect(replies).toEqual(['OK', 'héllo wörld', null, -42, 2, ['a', 'b'], 1, false]);
  });

  it('rejects only the command that got an error reply', async () => {
    const redis = open();
    const k = key('text');
    const [set, incr, get] = await Promise.allSettled([redis.call(['SET', k, 'abc']), redis.call(['INCR', k]), redis.call(['GET', k])]);
    expect(set).toEqual({ status: 'fulfilled', value: 'OK' });
    expect(incr.status === 'rejected' && incr.reason).toBeInstanceOf(ReplyError);
    expect(get).toEqual({ status: 'fulfilled', value: 'abc' });
  });

  it('reads replies that span many socket reads, and thousands of commands from one tick', async () => {
    const redis = open();
    const big = 'x'.repeat(2_000_000) + 'é';
    const [large, small] = [key('large'), key('small')];
    await Promise.all([redis.call(['SET', large, big]), redis.call(['SET', small, 'v'])]);
    const gets = Array.from({ length: 10_000 }, (_, i) => redis.call(['GET', i % 2_000 === 0 ? large : small]));
    const replies = await Promise.all(gets);
    expect(replies.every((reply, i) => reply === (i % 2_000 === 0 ? big : 'v'))).toBe(true);
  });

  it('fails the commands in flight when dropped, then connects afresh for the next one', async () => {
    const redis = open();
    const blocked = redis.call(['BLPOP', key('never'), 5]);
    await sleep(50);
    redis.drop();
    await expect(blocked).rejects.toBeInstanceOf(ConnectionClosedError);
    expect(await redis.call(['PING'])).toBe('PONG');
  });

  it('gives up on a reply that never comes', async () => {
    const redis = open(200);
    await expect(redis.call(['BLPOP', key('never'), 5])).rejects.toThrow(/Connection is closed/);
  });

  it('refuses to run anything when AUTH fails', async () => {
    const redis = open(5_000, { password: 'not-the-password' });
    await expect(redis.call(['PING'])).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('refuses commands once closed', async () => {
    const redis = open();
    redis.close();
    await expect(redis.call(['PING'])).rejects.toBeInstanceOf(ConnectionClosedError);
  });
});
