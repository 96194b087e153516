import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, expectNoLeak, refusedAs, seedVictim, type Victim } from './sessions';

const FULL =
  /^\(error\) ERR your playground is full: it holds [\d,]+ keys? and [\d.,]+ [KM]B, and may hold 5 keys and 1 MB\. Delete some keys to write again\.$/;
const TOO_BIG = /^\(error\) ERR this would make a value of [\d.,]+ MB, more than the 1 MB your playground may hold\. Use a smaller offset\.$/;
const RUN_TOO_BIG = /^\(error\) ERR this line, with the lines before it in this run, could add more than the 1 MB/;
const RANDOM = /^\(error\) ERR a negative count returns that many members, repeats included; the playground returns at most 1,000 at once\.$/;

/**
 * Lines that cost the shared server far more than their length, each run by a fresh session whose
 * caps are 5 keys and 1 MB. `fill` runs first, as its own run, to put the session over a cap.
 */
const CASES: [title: string, fill: string | undefined, attack: (v: Victim) => string, expected: (string | RegExp)[]][] = [
  ['sets bit 4,294,967,295 (512 MB)', undefined, () => 'SETBIT bits 4294967295 1', [TOO_BIG]],
  ['writes at offset 536,870,000 (512 MB)', undefined, () => 'SETRANGE s 536870000 x', [TOO_BIG]],
  ['writes a bitfield at #100000000 (100 MB)', undefined, () => 'BITFIELD b SET u8 #100000000 255', [TOO_BIG]],
  ['writes a bitfield at bit 4,000,000,000', undefined, () => 'BITFIELD b GET u8 0 INCRBY i64 4000000000 1', [TOO_BIG]],
  ['grows the victim by offset through its full name', undefined, (v) => `SETBIT ${v.prefix}secret 4294967295 1`, [TOO_BIG]],
  [
    'copies one value over and over in one run',
    undefined,
    () => 'SETRANGE a 600000 x\nCOPY a b\nCOPY a c\nGET tiny',
    ['(integer) 600001', RUN_TOO_BIG, RUN_TOO_BIG, '(nil)'],
  ],
  [
    'stores unions of a big set again and again',
    'SETRANGE a 700000 x',
    () => 'SADD s a\nSUNIONSTORE t1 s\nBITOP NOT n1 a\nBITOP NOT n2 a',
    ['(integer) 1', '(integer) 1', RUN_TOO_BIG, RUN_TOO_BIG],
  ],
  ['asks for a billion random members', undefined, () => 'SADD s a\nSRANDMEMBER s -1000000000', ['(integer) 1', RANDOM]],
  [
    'asks for a million random fields with values',
    undefined,
    () => 'HSET h f v\nHRANDFIELD h -1000000 WITHVALUES\nZADD z 1 m\nZRANDMEMBER z -5000 WITHSCORES',
    ['(integer) 1', RANDOM, '(integer) 1', RANDOM],
  ],
  ['compares two strings cell by cell', undefined, () => 'LCS a b', [refusedAs('lcs')]],
  [
    'writes past the key cap',
    'MSET k1 1 k2 2 k3 3 k4 4 k5 5 k6 6',
    () => 'SET k7 7\nINCR k1\nAPPEND k2 x\nRPUSH l x\nEVAL "return redis.call(\'SET\', KEYS[1], 1)" 1 k8',
    [FULL, FULL, FULL, FULL, FULL],
  ],
  [
    'makes keys from a script under names it never declared',
    `EVAL "for i = 1, 6 do redis.call('SET', KEYS[1] .. i, i) end return 1" 1 k`,
    () => 'SET k7 7',
    [FULL],
  ],
  // Scripts grow the session by whatever they do, so each is measured before a later line may write.
  [
    'grows the session through scripts, line after line',
    undefined,
    () => [1, 2, 3].map((n) => `EVAL "return redis.call('SETRANGE', KEYS[1], 700000, 'x')" 1 big${n}`).join('\n'),
    ['(integer) 700001', '(integer) 700001', FULL],
  ],
  [
    // A transaction queues only commands that grow a key by their own arguments (isolation.test.ts).
    'tries to grow the session through a queued script or SETRANGE, run by EXEC',
    undefined,
    () => `SETRANGE a 700000 x\nMULTI\nEVAL "return redis.call('SETRANGE', KEYS[1], 700000, 'x')" 1 b\nSETRANGE b 700000 x\nEXEC\nSET c 1`,
    [
      '(integer) 700001',
      'OK',
      /^\(error\) ERR EVAL cannot be queued in a transaction/,
      /^\(error\) ERR SETRANGE cannot be queued in a transaction/,
      '(empty array)',
      'OK',
    ],
  ],
  ['writes past the memory cap', 'SETRANGE big 1000000 x', () => 'SET small 1\nXADD st * f v\nCOPY big big2', [FULL, FULL, FULL]],
  // The caps are checked before a run, so a write after a DEL in the same run waits for the next run.
  [
    'reads and deletes when full',
    'MSET k1 1 k2 2 k3 3 k4 4 k5 5 k6 6',
    () => 'GET k1\nEXISTS k6\nEVAL_RO "return redis.call(\'GET\', KEYS[1])" 1 k2\nDEL k1 k2\nSET k7 7',
    ['"1"', '(integer) 1', '"2"', '(integer) 2', FULL],
  ],
];

describe('a session that tries to fill the shared Redis', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
    process.env.SESSION_MAX_KEYS = '5';
    process.env.SESSION_MAX_MEMORY_MB = '1';
  });
  afterAll(() => {
    delete process.env.SESSION_MAX_KEYS;
    delete process.env.SESSION_MAX_MEMORY_MB;
  });

  for (const [title, fill, attack, expected] of CASES) {
    it(`is stopped when it ${title}`, async () => {
      const attacker = new Client();
      if (fill) await attacker.run(fill);
      const results = await attacker.run(attack(victim));
      expect(results.map((r) => r.text)).toEqual(expected.map((e) => (typeof e === 'string' ? e : expect.stringMatching(e))));
      expectNoLeak(results);
      await victim.expectUnchanged();
    });
  }

  it('writes again once it has deleted enough', async () => {
    const learner = new Client();
    await learner.run('MSET k1 1 k2 2 k3 3 k4 4 k5 5 k6 6');
    expect(await learner.texts('SET k7 7\nDEL k1 k2')).toEqual([expect.stringMatching(FULL), '(integer) 2']);
    expect(await learner.texts('SET k7 7\nGET k7')).toEqual(['OK', '"7"']);
  });

  it('stops only the session that is full', async () => {
    const filler = new Client();
    await filler.run('SETRANGE big 1000000 x');
    const [full] = await filler.texts('SET more 1');
    expect(full).toMatch(FULL);
    expect(await new Client().texts('SET mine 1\nGET mine')).toEqual(['OK', '"1"']);
    await victim.expectUnchanged();
  });
});
