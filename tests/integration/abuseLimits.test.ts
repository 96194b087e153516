import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { POST as runCommands } from '@/app/api/commands/route';
import { POST as startRace } from '@/app/api/sim/route';
import { DomainError } from '@/lib/server/errors';
import { keyEventHub } from '@/lib/server/events';
import { appRedis } from '@/lib/server/redis/client';
import { sweepIdleSessions, touchSession } from '@/lib/server/session/lifecycle';
import { keysMatching } from '../support/keys';
import { browserSession } from '../support/browserSession';
import { newLearner } from '../support/learner';

describe('abuse limits', () => {
  afterEach(() => {
    delete process.env.COMMANDS_PER_10S;
  });

  it('answers 429 with a sentence once a session spends its command budget, without touching others', async () => {
    process.env.COMMANDS_PER_10S = '5';
    const flooder = newLearner();
    await flooder.run('SET a 1\nSET b 2\nSET c 3');
    const refused = await flooder.run('SET d 4\nSET e 5\nSET f 6').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).kind).toBe('over-quota');
    expect((refused as DomainError).message).toMatch(/more than 5 commands in 10 seconds/);
    expect(await newLearner().texts('PING')).toEqual(['PONG']);
  });

  it('counts the last window too, so a flood cannot spend two budgets across a window edge', async () => {
    process.env.COMMANDS_PER_10S = '5';
    const flooder = newLearner();
    // Early in a window the last one weighs at least half: wait for one to start if this is late in it.
    const into = Date.now() % 10_000;
    if (into > 5_000) await sleep(10_000 - into + 10);
    // Ten commands just before the edge; a fixed window would take five more at once.
    await appRedis().set(flooder.session.namespace.keys.rate(Math.floor(Date.now() / 10_000) - 1), 10, 'EX', 20);
    const refused = await flooder.run('SET a 1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).kind).toBe('over-quota');
  }, 30_000);

  it('answers 429 once a session’s keys changed more than 100,000 times in 10 s, without touching others', async () => {
    // The hub counts the changes it hears; it listens once a keys panel is open, as in a workshop.
    await keyEventHub().mode();
    const flooder = newLearner();
    // The run waits, after each chunk, until the hub has heard that chunk's changes: the line after
    // the loop is stopped, whatever the machine's speed.
    const [loop, after] = await flooder.run(`EVAL "for i = 1, 120000 do redis.call('INCR', KEYS[1]) end return 1" 1 counter\nGET counter`);
    expect(loop!.ok).toBe(true);
    expect(after!.text).toMatch(/stopped this run before this line: it had used 100,000 changes to keys in 10 s/);
    const refused = await flooder.run('GET counter').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).kind).toBe('over-quota');
    expect((refused as DomainError).message).toMatch(/keys changed more than 100,000 times in 10 seconds/);
    expect(await newLearner().texts('INCR counter')).toEqual(['(integer) 1']);
  });

  it('refuses a key name over 1,024 bytes, in a command or a script’s declared keys, and takes one of 1,024', async () => {
    const learner = newLearner();
    const [set, declared] = await learner.run(`SET ${'k'.repeat(1_025)} 1\nEVAL "return 1" 1 ${'k'.repeat(1_025)}`);
    for (const refused of [set!, declared!]) {
      expect(refused.ok).toBe(false);
      expect(refused.text).toMatch(/key names are at most 1,024 bytes here/);
    }
    expect(await learner.texts(`SET ${'k'.repeat(1_024)} 1`)).toEqual(['OK']);
  });

  it('answers the routes with 429 and when to come back once the keys changed too often, for a run and for a race', async () => {
    await keyEventHub().mode();
    const { request } = browserSession();
    const flood = await runCommands(request('/api/commands', { script: `EVAL "for i = 1, 110000 do redis.call('INCR', KEYS[1]) end return 1" 1 c` }));
    expect(flood.status).toBe(200);
    const run = await runCommands(request('/api/commands', { script: 'GET c' }));
    expect(run.status).toBe(429);
    expect(Number(run.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await run.json()).error).toMatch(/^Your keys changed more than 100,000 times in 10 seconds, .* Wait (a second|\d+ seconds), then run again\.$/);
    const race = await startRace(request('/api/sim', { clients: 10, strategy: 'lock-poll' }));
    expect(race.status).toBe(429);
  });

  it('truncates a reply over 1 MiB with a note instead of sending it whole', async () => {
    const learner = newLearner();
    const [, , big] = await learner.run(
      'SET chunk "0123456789abcdef"\nEVAL "local t = {} for i = 1, 80000 do t[i] = redis.call(\'GET\', KEYS[1]) end return t" 1 chunk\nEVAL "local t = {} for i = 1, 80000 do t[i] = redis.call(\'GET\', KEYS[1]) end return t" 1 chunk',
    );
    expect(big!.ok).toBe(true);
    expect(big!.text.length).toBeLessThan(1024 * 1024 + 200);
    expect(big!.text).toMatch(/\n\(reply truncated: a reply of [\d,]+ bytes, of which the first 1 MiB of text is shown\)$/);
    // 80,000 elements of `$16\r\n0123456789abcdef\r\n` and the array's own header.
    expect(big!.reply).toEqual({ truncated: 80_000 * 23 + '*80000\r\n'.length });
  }, 30_000);
});

describe('idle sessions', () => {
  it('lose their keys, their app data and their Redis user, and nobody else loses anything', async () => {
    const redis = appRedis();
    const idler = newLearner();
    const active = newLearner();
    await idler.run('SET cache:data old\nRPUSH queue a');
    await active.run('SET cache:data fresh');
    const idlerUser = `sl-${idler.session.namespace.id}`;
    expect(await redis.call('ACL', 'LIST')).toEqual(expect.arrayContaining([expect.stringContaining(idlerUser)]));

    // The idler was last seen an hour ago; the active learner a moment ago.
    await touchSession(redis.multi(), idler.session.namespace, Date.now() - 3_600_000).exec();
    const swept = await sweepIdleSessions(redis, 30 * 60_000);

    expect(swept).toContain(idler.session.namespace.id);
    expect(swept).not.toContain(active.session.namespace.id);
    expect(await keysMatching(`sl:{${idler.session.namespace.id}}*`)).toEqual([]);
    expect(await redis.call('ACL', 'LIST')).not.toEqual(expect.arrayContaining([expect.stringContaining(idlerUser)]));
    expect(await active.texts('GET cache:data')).toEqual(['"fresh"']);
  });
});
