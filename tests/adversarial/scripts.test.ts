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
  ['reads the command log', (v) => `EVAL "return redis.call('LRANGE', '${v.keys.log}', 0, -1)" 0`],
  ['marks the lesson done', (v) => `EVAL "return redis.call('HSET', '${v.keys.progress}', 'stampede-lock', '{}')" 0`],
  ["sorts by the victim's keys", (v) => `RPUSH mine 1\nEVAL "return redis.call('SORT', KEYS[1], 'BY', '${v.prefix}*', 'GET', '${v.prefix}secret')" 1 mine`],
  ['flushes the server', () => `EVAL "return redis.call('FLUSHALL')" 0`],
  ['reconfigures the server', () => `EVAL "return redis.call('CONFIG', 'SET', 'maxmemory', '1')" 0`],
  ["publishes into the victim's channel", (v) => `EVAL "return redis.call('PUBLISH', '${v.prefix}cache:release', 'pwned')" 0`],
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

  it('cannot list the names of other keys: ACL cannot filter KEYS or SCAN, so the session may not run them in a script', async () => {
    const attacker = await neighbourOf(victim);
    const results = await attacker.run(
      [
        `EVAL "return redis.call('KEYS', ARGV[1] .. '*')" 0 ${victim.prefix}`,
        `EVAL "return redis.call('KEYS', '*')" 0`,
        `EVAL "return redis.call('SCAN', 0, 'COUNT', 100000)" 0`,
        `EVAL "return redis.pcall('SCAN', 0, 'MATCH', '*code*')" 0`,
      ].join('\n'),
    );
    for (const result of results) {
      expect(result.ok, result.text).toBe(false);
      expect(result.text).toMatch(/can't run this command|NOPERM/);
      expect(result.text).not.toContain('sl:');
    }
    // The learner's own KEYS and SCAN still work: the app serves them, confined to the session.
    const [, keys, scan] = await attacker.texts('SET mine 1\nKEYS *\nSCAN 0 MATCH m*');
    expect(keys).toBe('1) "mine"');
    expect(scan).toMatch(/^1\) "\d+"\n2\) (\(empty array\)|1\) "mine")$/);
    await victim.expectUnchanged();
  });
});
