import { beforeAll, describe, expect, it } from 'vitest';
import { Client, expectNoLeak, refusedAs, seedVictim, type Victim } from './sessions';

/** Commands that reach the whole server, with the name their refusal must give. */
const DANGEROUS: [line: string, name: string][] = [
  ['FLUSHALL', 'flushall'],
  ['FLUSHDB ASYNC', 'flushdb'],
  ['CONFIG SET maxmemory 1', 'config set'],
  ['CONFIG GET requirepass', 'config get'],
  ['CONFIG REWRITE', 'config rewrite'],
  ['SHUTDOWN NOSAVE', 'shutdown'],
  ['DEBUG SLEEP 0', 'debug'],
  ['MONITOR', 'monitor'],
  ['CLIENT LIST', 'client list'],
  ['CLIENT KILL TYPE normal', 'client kill'],
  ['CLIENT PAUSE 100000', 'client pause'],
  ['ACL WHOAMI', 'acl whoami'],
  ['ACL SETUSER intruder on >pw ~* +@all', 'acl setuser'],
  ['ACL DELUSER default', 'acl deluser'],
  ['AUTH default secret', 'auth'],
  ['HELLO 3 AUTH default secret', 'hello'],
  ['RESET', 'reset'],
  ['MODULE LOAD /tmp/evil.so', 'module load'],
  ['MODULE LIST', 'module list'],
  ['SCRIPT FLUSH', 'script flush'],
  ['SCRIPT KILL', 'script kill'],
  ['FUNCTION LOAD "#!lua name=x\\nredis.register_function(\'f\', function() end)"', 'function load'],
  ['FCALL f 0', 'fcall'],
  ['REPLICAOF 127.0.0.1 1', 'replicaof'],
  ['SLAVEOF NO ONE', 'slaveof'],
  ['FAILOVER ABORT', 'failover'],
  ['SAVE', 'save'],
  ['BGSAVE', 'bgsave'],
  ['BGREWRITEAOF', 'bgrewriteaof'],
  ['LASTSAVE', 'lastsave'],
  ['INFO keyspace', 'info'],
  ['MEMORY STATS', 'memory stats'],
  ['MEMORY PURGE', 'memory purge'],
  ['SLOWLOG GET', 'slowlog get'],
  ['LATENCY RESET', 'latency reset'],
  ['CLUSTER INFO', 'cluster info'],
  ['WAIT 0 0', 'wait'],
  ['READONLY', 'readonly'],
];

/** Each would wait forever, or for days; each must give up after at most 5 s. */
const BLOCKING: [title: string, script: (v: Victim) => string, expected: string][] = [
  ['BLPOP with no time limit', (v) => `BLPOP ${v.prefix}queue 0`, '(nil)'],
  ['BRPOP for a year', (v) => `BRPOP ${v.prefix}queue 31536000`, '(nil)'],
  ['BLMOVE from the victim', (v) => `BLMOVE ${v.prefix}queue mine LEFT LEFT 0`, '(nil)'],
  ['BRPOPLPUSH from the victim', (v) => `BRPOPLPUSH ${v.prefix}queue mine 99999999`, '(nil)'],
  ['BLMPOP with a huge timeout', (v) => `BLMPOP 1e9 1 ${v.prefix}queue LEFT`, '(nil)'],
  ['BZPOPMIN on the victim', (v) => `BZPOPMIN ${v.prefix}board 0`, '(nil)'],
  ['BZMPOP with no time limit', (v) => `BZMPOP 0 1 ${v.prefix}board MIN`, '(nil)'],
  ['XREAD BLOCK 0 on the victim', (v) => `XREAD BLOCK 0 STREAMS ${v.prefix}events $`, '(nil)'],
];

describe('attacks on the shared server', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
  });

  for (const [line, name] of DANGEROUS) {
    it(`refuses ${line}`, async () => {
      const [result] = await new Client().run(line);
      expect(result!.ok).toBe(false);
      expect(result!.text).toMatch(refusedAs(name));
      await victim.expectUnchanged();
    });
  }

  // Each waits its full 5 s, so they wait side by side.
  describe.concurrent('blocking commands', () => {
    for (const [title, script, expected] of BLOCKING) {
      it(`caps ${title}`, async () => {
        const results = await new Client().run(script(victim));
        expect(results.map((r) => r.text)).toEqual([expected]);
        expectNoLeak(results);
        await victim.expectUnchanged();
      });
    }
  });
});
