import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRedis } from '@/lib/server/redis/client';
import { slotOf } from '@/lib/server/redis/slot';
import { ownerOf } from '@/lib/server/redis/topology';
import { keyIndexKey } from '@/lib/server/session/keyIndex';
import { measurementSettled } from '@/lib/server/session/quota';
import { Client, expectNoLeak, refusedAs, seedVictim, type Victim } from './sessions';

/** A key of the app's own, outside every session (a workshop room's join code is one). */
const ROOM = `sl:code:ISO${process.pid}`;
const STOP = /^\(error\) ERR the playground stopped this run before this line: it had used 2 s of the shared Redis's time/;
const DISAGREE = /^\(error\) ERR '\w+' is not available in the playground: /;
/** A script that holds Redis for 300 ms of its own clock, well below the 500 ms after which scripts are killed. */
const BUSY_300_MS = `EVAL "local s = redis.call('TIME') local t0 = s[1] * 1000000 + s[2] repeat local n = redis.call('TIME') until n[1] * 1000000 + n[2] - t0 > 300000 return 1" 0`;

const indexOf = async (client: Client) => (await ownerOf(appRedis(), slotOf(client.namespace.prefix))).smembers(keyIndexKey(client.namespace));

describe('isolation that holds by design (issue 12)', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
    await appRedis().set(ROOM, 'room');
  });
  afterAll(async () => {
    expect(await appRedis().get(ROOM)).toBe('room');
    await appRedis().del(ROOM);
  });

  it('refuses GEORADIUS with a second STORE, which Redis 7.0 writes while its ACL checks the first', async () => {
    const results = await new Client().run(
      [
        'GEOADD src 13.36 38.11 p',
        `GEORADIUS src 15 37 200 km STORE mine STORE ${victim.prefix}cache:data`,
        `GEORADIUS nothing 0 0 1 km STORE mine STORE ${ROOM}`,
        `GEORADIUSBYMEMBER src p 1 km STOREDIST x STORE ${victim.prefix}cache:data`,
        `GEORADIUS src 15 37 200 km STORE ${ROOM}`,
      ].join('\n'),
    );
    expect(results.map((r) => r.text)).toEqual(['(integer) 1', ...Array(4).fill(expect.stringMatching(refusedAs('georadius(bymember)?')))]);
    expectNoLeak(results);
    await victim.expectUnchanged();
  });

  it('still answers GEORADIUS without a store, and stores with GEOSEARCHSTORE, inside the namespace', async () => {
    const learner = new Client();
    const texts = await learner.texts(
      'GEOADD src 13.36 38.11 p\nGEORADIUS src 15 37 200 km\nGEORADIUSBYMEMBER src p 1 km\nGEOSEARCHSTORE out src FROMMEMBER p BYRADIUS 1 km\nZCARD out',
    );
    expect(texts).toEqual(['(integer) 1', '1) "p"', '1) "p"', '(integer) 1', '(integer) 1']);
  });

  it('refuses GEORADIUS in a script: the session may not run it at all', async () => {
    const [, attack] = await new Client().run(
      `GEOADD src 13.36 38.11 p\nEVAL "return redis.call('GEORADIUS', KEYS[1], 15, 37, 200, 'km', 'STORE', KEYS[2], 'STORE', ARGV[1])" 2 src mine ${ROOM}`,
    );
    expect(attack!.ok).toBe(false);
    expect(attack!.text).toMatch(/can't run this command/);
    await victim.expectUnchanged();
  });

  it('refuses a repeated or conflicting key keyword, and a line where Redis reads the keys differently', async () => {
    const results = await new Client().run(
      [
        'RPUSH l 3 1 2',
        `SORT l STORE mine STORE ${victim.prefix}queue`,
        `XREAD STREAMS s ${victim.prefix}events STREAMS 0 0`,
        'SORT l LIMIT 0 1 STORE sorted',
        'LRANGE sorted 0 -1',
      ].join('\n'),
    );
    expect(results.map((r) => r.text)).toEqual(['(integer) 3', expect.stringMatching(DISAGREE), expect.stringMatching(/^\(error\) /), '(integer) 1', '1) "1"']);
    expectNoLeak(results);
    await victim.expectUnchanged();
  });

  it("indexes only names that exist and carry the session's prefix, so a hint never reads another session's key", async () => {
    const attacker = new Client();
    const names = Array.from({ length: 6000 }, (_, i) => `n${i}`).join(' ');
    await attacker.run(`SET real 1\nDEL ${names}\nSET ${victim.prefix}cache:data x\nRENAME real renamed`);
    await attacker.run(`DEL ${names.replaceAll('n', 'm')}\nRENAME renamed again\nRENAME again renamed`);
    await measurementSettled(attacker.namespace);
    const indexed = await indexOf(attacker);
    expect(indexed.sort()).toEqual([`${attacker.namespace.prefix}renamed`, `${attacker.namespace.prefix}${victim.prefix}cache:data`].sort());
    // The lesson check reads every indexed key on the app's connection: it must see only the attacker's.
    const answer = await attacker.send(JSON.stringify({ script: 'GET renamed', lesson: 'stampede-lock' }));
    expect(JSON.stringify(answer.body)).not.toContain(victim.prefix.slice(3, -2).replace(/[{}]/g, ''));
    await victim.expectUnchanged();
  });

  it('pages SCAN to the end and KEYS with any pattern, seeing only its own names', async () => {
    const learner = new Client();
    await learner.run('SET mine 1\nSET other 2');
    const seen: string[] = [];
    let cursor = '0';
    for (let page = 0; page < 1_000; page += 1) {
      const [reply] = await learner.run(`SCAN ${cursor} COUNT 1000000`);
      const [next, names] = reply!.reply as [string, string[]];
      seen.push(...names);
      cursor = next;
      if (cursor === '0') break;
    }
    expect(cursor).toBe('0');
    expect(seen.sort()).toEqual(['mine', 'other']);
    const keys = await learner.texts(`KEYS *\nKEYS sl:*\nKEYS ${victim.prefix}*\nKEYS *code*`);
    expect(keys).toEqual(
      ['1) "mine"\n2) "other"', '(empty array)', '(empty array)', '(empty array)'].map((k, i) =>
        i === 0 ? expect.stringMatching(/^1\) "(mine|other)"\n2\) "(mine|other)"$/) : k,
      ),
    );
  });

  it('stops the runaway guard from being bypassed by a quoted name or by EXEC', async () => {
    const looper = new Client();
    const [quoted] = await looper.run('"EVAL" "while true do end" 0');
    expect(quoted!.text).toMatch(/killed by user with SCRIPT KILL/);
    const [multi, queued] = await looper.texts('MULTI\n"eval" "while true do end" 0');
    expect([multi, queued]).toEqual(['OK', expect.stringMatching(/^\(error\) ERR EVAL cannot be queued in a transaction/)]);
    expect(await looper.texts('"EXEC"')).toEqual(['(empty array)']);
    expect(await new Client().texts('PING')).toEqual(['PONG']);
  });

  describe('a transaction, which EXEC runs all at once while nobody else is served', () => {
    // 300 ms of Redis's time per call, and a mark that it ran.
    const slow = `EVAL "redis.call('INCR', KEYS[1]) local t = redis.call('TIME') local s = t[1] * 1e6 + t[2] repeat local n = redis.call('TIME') until (n[1] * 1e6 + n[2]) - s > 300000" 1 ran`;

    it('queues no script: ten slow ones queued and EXECed would hold the whole server for 3 s', async () => {
      const learner = new Client();
      const texts = await learner.texts(['MULTI', ...Array.from({ length: 10 }, () => slow), 'EXEC', 'GET ran'].join('\n'));
      expect(texts[0]).toBe('OK');
      for (const queued of texts.slice(1, 11))
        expect(queued).toMatch(/^\(error\) ERR EVAL cannot be queued in a transaction in the playground, so it was not queued/);
      expect(texts.slice(11)).toEqual(['(empty array)', '(nil)']);
    });

    it('queues only quick commands, also when MULTI and EXEC come in different runs', async () => {
      const learner = new Client();
      await learner.run(`RPUSH l ${'x '.repeat(1000)}`);
      expect(await learner.texts('MULTI')).toEqual(['OK']);
      const queued = await learner.texts(
        'LPOS l nothere\nSORT_RO l\nLRANGE l 0 -1\nKEYS *\nEVALSHA abc 0\nSET a 1\nINCR n\nEXPIRE a 100\nHSET h f v\nGET a\nDEL l',
      );
      expect(queued.slice(0, 5)).toEqual([
        expect.stringMatching(/^\(error\) ERR LPOS cannot be queued/),
        expect.stringMatching(/^\(error\) ERR SORT_RO cannot be queued/),
        expect.stringMatching(/^\(error\) ERR LRANGE cannot be queued/),
        '(error) ERR KEYS and SCAN cannot be queued in a transaction in the playground; run them after EXEC.',
        expect.stringMatching(/^\(error\) ERR EVALSHA cannot be queued/),
      ]);
      expect(queued.slice(5)).toEqual(Array(6).fill('QUEUED'));
      expect(await learner.texts('EXEC\nLPOS l nothere')).toEqual(['1) OK\n2) (integer) 1\n3) (integer) 1\n4) (integer) 1\n5) "1"\n6) (integer) 1', '(nil)']);
    });

    it('ends with DISCARD, and a nested MULTI keeps it open', async () => {
      const learner = new Client();
      const texts = await learner.texts('MULTI\nMULTI\nLPOS l x\nDISCARD\nLPOS l x');
      expect(texts).toEqual(['OK', '(error) ERR MULTI calls can not be nested', expect.stringMatching(/^\(error\) ERR LPOS cannot be queued/), 'OK', '(nil)']);
    });
  });

  it('formats no more of a 20 MB reply than it shows', async () => {
    const learner = new Client();
    const mget = `MGET${' big'.repeat(20)}`;
    const [, big] = await learner.run(`SETRANGE big 1048575 x\n${mget}`);
    expect(big!.text.length).toBeLessThan(1024 * 1024 + 200);
    expect(big!.text).toMatch(/\(reply truncated: a reply of 20,97\d,\d{3} bytes, of which the first 1 MiB of text is shown\)$/);
    expect(big!.reply).toEqual({ truncated: expect.any(Number) });
  });

  it('gets a sentence, and a working connection after, when one reply outgrows what Redis holds for a connection', async () => {
    const learner = new Client();
    await learner.run('SETRANGE big 1048575 x');
    const answer = await learner.send(JSON.stringify({ script: `MGET${' big'.repeat(300)}\nPING` }));
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatch(/^Redis closed your connection because a reply grew larger than it holds for one connection/);
    expect(await learner.texts('PING')).toEqual(['PONG']);
    await victim.expectUnchanged();
  });

  it('stops a run that has had its share of Redis, with a sentence, and runs the lines before', async () => {
    const texts = await new Client().texts(Array(12).fill(BUSY_300_MS).join('\n'));
    expect(texts[0]).toBe('(integer) 1');
    expect(texts.at(-1)).toMatch(STOP);
    const ran = texts.filter((t) => t === '(integer) 1').length;
    // Each line takes at least 300 ms, so the budget of 2 s runs out after at most 7 of them.
    expect(ran).toBeLessThanOrEqual(7);
    expect(texts.slice(ran).every((t) => STOP.test(t))).toBe(true);
  }, 30_000);

  it("queues one session's parallel runs, and refuses a flood of them with 429", async () => {
    const flooder = new Client();
    await flooder.run('PING');
    const answers = await Promise.all(Array.from({ length: 12 }, () => flooder.send(JSON.stringify({ script: BUSY_300_MS }))));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(answers.find((a) => a.status === 429)!.body.error).toBe('Your earlier runs are still running. Wait for them to finish, then run again.');
  }, 30_000);

  it('refuses a blocking timeout Redis reads differently from JavaScript', async () => {
    const results = await new Client().run(`BLPOP ${victim.prefix}queue 0x1.8p2\nBRPOP q inf`);
    expect(results.map((r) => r.text)).toEqual(Array(2).fill('(error) ERR the timeout must be a plain number of seconds, such as 1 or 0.5'));
  });
});
