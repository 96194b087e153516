import { describe, expect, it } from 'vitest';
import { commandTable } from '@/lib/server/commands/commandTable';
import { runScript } from '@/lib/server/commands/executor';
import { keysFromRedis } from '@/lib/server/commands/listing';
import { appRedis } from '@/lib/server/redis/client';
import { isolationMode } from '@/lib/server/session/consoles';
import { Client } from '../adversarial/sessions';
import { newLearner } from '../support/learner';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Scripts compute key names at run time, so only Redis itself (the session's ACL user) can confine
 * them; the attempts to reach another session are in tests/adversarial/scripts.test.ts.
 */
describe('scripts are confined by Redis, not by the parser', () => {
  it('runs each session as its own Redis user where Redis allows it', async () => {
    expect(await isolationMode()).toBe('acl');
  });

  it('keeps EVAL working on the keys passed in KEYS', async () => {
    const learner = newLearner();
    const texts = await learner.texts(
      [
        'SET lock token-1',
        `EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end" 1 lock token-2`,
        `EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end" 1 lock token-1`,
      ].join('\n'),
    );
    expect(texts).toEqual(['OK', '(integer) 0', '(integer) 1']);
  });

  it('turns scripts off where Redis cannot confine them', async () => {
    const table = await commandTable();
    const results = await runScript('EVAL "return 1" 0\nEVALSHA abc 0\nPING', {
      table,
      prefix: 'sl:{0000000000000000}:',
      scriptsOff: 'this Redis does not let the playground confine a script to your keys, so scripts are off',
      inTransaction: false,
      send: async () => [{ reply: { type: 'status', value: 'PONG' }, ms: 0 }],
      list: () => Promise.reject(new Error('nothing here lists keys')),
      keysFromRedis: (commands) => keysFromRedis(appRedis(), commands),
    });
    expect(results.map((r) => r.text)).toEqual([
      "(error) ERR 'eval' is not available in the playground: this Redis does not let the playground confine a script to your keys, so scripts are off",
      "(error) ERR 'evalsha' is not available in the playground: this Redis does not let the playground confine a script to your keys, so scripts are off",
      'PONG',
    ]);
  });
});

describe('a runaway script', () => {
  it('is killed, and the server serves everyone again', async () => {
    const looper = newLearner();
    const bystander = newLearner();
    const [runaway] = await looper.run('EVAL "while true do end" 0');
    expect(runaway!.ok).toBe(false);
    expect(runaway!.text).toMatch(/killed by user with SCRIPT KILL/);
    expect(await bystander.texts('PING')).toEqual(['PONG']);
    expect(await looper.texts('PING')).toEqual(['PONG']);
  });

  it('makes bystanders wait, never fail, while it runs and until it is killed', async () => {
    const looper = newLearner();
    const runaway = looper.run('EVAL "while true do end" 0');
    // Redis answers BUSY from 500 ms into the script until the kill: bystanders arrive all through that window.
    const answers = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await sleep(440 + 10 * i);
        // Half of them through the route with a lesson check, which reads on the app's connection too.
        if (i % 2) return (await new Client().run(`SET k ${i}\nGET k`, 'stampede-lock')).map((r) => r.text);
        return newLearner().texts(`SET k ${i}\nGET k`);
      }),
    );
    expect((await runaway)[0]!.text).toMatch(/killed by user with SCRIPT KILL/);
    expect(answers).toEqual(answers.map((_, i) => ['OK', `"${i}"`]));
  }, 30_000);
});
