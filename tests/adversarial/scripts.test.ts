import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRedis } from '@/lib/server/redis/client';
import { slotOf } from '@/lib/server/redis/slot';
import { addressOf, nodeKey, ownerOf } from '@/lib/server/redis/topology';
import { issueSessionCookie } from '@/lib/server/session/cookie';
import { sessionSecret } from '@/lib/server/session/secret';
import { Client, expectNoLeak, seedVictim, type Victim } from './sessions';

const reversed = (text: string) => [...text].reverse().join('');
const GET_ARGUMENT = "return redis.call('GET', ARGV[1])";
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Scripts compute key names at run time, so only Redis itself (the session's own ACL user) can
 * confine them. Every line here must come back as an error.
 */
const CASES: [title: string, script: (v: Victim) => string][] = [
  ['reads a key by its literal name', (v) => `EVAL "return redis.call('GET', '${v.prefix}secret')" 0`],
  ['writes a key by its literal name', (v) => `EVAL "return redis.call('SET', '${v.prefix}secret', 'pwned')" 0`],
  ['deletes a key by its literal name', (v) => `EVAL "return redis.call('DEL', '${v.prefix}queue')" 0`],
  ['computes the name at run time', (v) => `EVAL "return redis.call('GET', string.reverse('${reversed(`${v.prefix}secret`)}'))" 0`],
  ['builds the name from its arguments', (v) => `EVAL "return redis.call('HGETALL', 'sl:{' .. ARGV[1] .. '}:' .. ARGV[2])" 0 ${v.prefix.slice(4, -2)} profile`],
  ['renames its own key onto the victim', (v) => `SET mine x\nEVAL "return redis.call('RENAME', KEYS[1], '${v.prefix}secret')" 1 mine`],
  ['reads the command log', (v) => `EVAL "return redis.call('LRANGE', '${v.internalKey('log')}', 0, -1)" 0`],
  ['marks the lesson done', (v) => `EVAL "return redis.call('HSET', '${v.internalKey('progress')}', 'stampede-lock', '{}')" 0`],
  ['sorts by the victim\'s keys', (v) => `RPUSH mine 1\nEVAL "return redis.call('SORT', KEYS[1], 'BY', '${v.prefix}*', 'GET', '${v.prefix}secret')" 1 mine`],
  ['flushes the server', () => `EVAL "return redis.call('FLUSHALL')" 0`],
  ['reconfigures the server', () => `EVAL "return redis.call('CONFIG', 'SET', 'maxmemory', '1')" 0`],
  ['publishes into the victim\'s channel', (v) => `EVAL "return redis.call('PUBLISH', '${v.prefix}cache:release', 'pwned')" 0`],
  ['reads through EVAL_RO', (v) => `EVAL_RO "return redis.call('GET', '${v.prefix}secret')" 0`],
  ['reads through EVALSHA a script it ran before', (v) => `EVAL "${GET_ARGUMENT}" 0 mine\nEVALSHA ${sha1(GET_ARGUMENT)} 0 ${v.prefix}secret`],
];

/** A new session whose keys live on the victim's node: on a cluster, a script's KEYS lists only the node it runs on. */
async function neighbourOf(victim: Victim): Promise<Client> {
  const nodeOf = async (prefix: string) => nodeKey(addressOf(await ownerOf(appRedis(), slotOf(prefix))));
  const home = await nodeOf(victim.prefix);
  for (;;) {
    const client = new Client(issueSessionCookie(sessionSecret()));
    if ((await nodeOf(client.namespace.prefix)) === home) return client;
  }
}

describe('a script attacking another session', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
  });

  for (const [title, script] of CASES) {
    it(`is refused when it ${title}`, async () => {
      const results = await new Client().run(script(victim));
      const attack = results.at(-1)!;
      expect(attack.ok, attack.text).toBe(false);
      expect(attack.text).toMatch(/^\(error\) /);
      expectNoLeak(results);
      await victim.expectUnchanged();
    });
  }

  it('can list the names of other keys (Redis does not filter KEYS by ACL), but read none of them', async () => {
    const results = await (await neighbourOf(victim)).run(
      `EVAL "local out = {} for _, name in ipairs(redis.call('KEYS', ARGV[1] .. '*')) do out[#out + 1] = redis.pcall('GET', name)['err'] or 'read' end return out" 0 ${victim.prefix}`,
    );
    const reply = results[0]!.reply as string[];
    expect(reply.length).toBeGreaterThan(0);
    expect(reply.every((line) => /NOPERM|can't access/.test(line))).toBe(true);
    expectNoLeak(results);
    await victim.expectUnchanged();
  });
});
