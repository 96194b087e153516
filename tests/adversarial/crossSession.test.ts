import { beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, expectNoLeak, refusedAs, seedVictim, type Victim } from './sessions';

/** An attack, what the attacker must see, and (always) the victim's keys unchanged afterwards. */
type Case = [title: string, script: (v: Victim) => string, expected: (string | RegExp)[]];

/** SCAN's COUNT is capped at 1,000, so a page of a large keyspace may end on any cursor; it never holds another's name. */
const EMPTY_SCAN = /^1\) "\d+"\n2\) \(empty array\)$/;

/** The attacker knows the victim's prefix (`sl:{<ns>}:`) and spells it out; it becomes part of its own key names. */
const CASES: Case[] = [
  // Reading
  ['reads a string by its full name', (v) => `GET ${v.prefix}secret`, ['(nil)']],
  ['reads through MGET and EXISTS', (v) => `MGET secret ${v.prefix}secret\nEXISTS ${v.prefix}secret ${v.prefix}queue`, ['1) (nil)\n2) (nil)', '(integer) 0']],
  [
    'reads a list, hash, set, sorted set and stream',
    (v) => `LRANGE ${v.prefix}queue 0 -1\nHGETALL ${v.prefix}profile\nSMEMBERS ${v.prefix}tags\nZRANGE ${v.prefix}board 0 -1\nXRANGE ${v.prefix}events - +`,
    Array(5).fill('(empty array)'),
  ],
  ['dumps a key and asks its type and TTL', (v) => `DUMP ${v.prefix}secret\nTYPE ${v.prefix}secret\nPTTL ${v.prefix}secret`, ['(nil)', 'none', '(integer) -2']],
  ['reads the lesson progress and the command log', (v) => `HGETALL ${v.keys.progress}\nLRANGE ${v.keys.log} 0 -1`, ['(empty array)', '(empty array)']],
  ['reads the list of every session', () => 'ZRANGE sl:sessions 0 -1 WITHSCORES', ['(empty array)']],
  [
    'inspects a key with OBJECT and MEMORY',
    (v) => `OBJECT ENCODING ${v.prefix}secret\nOBJECT FREQ ${v.prefix}secret\nOBJECT IDLETIME ${v.prefix}secret\nMEMORY USAGE ${v.prefix}secret`,
    Array(4).fill('(nil)'),
  ],

  // Writing
  [
    'overwrites, appends to and counts on its keys',
    (v) => `SET ${v.prefix}secret pwned\nAPPEND ${v.prefix}cache:data x\nINCR ${v.prefix}counter`,
    ['OK', '(integer) 1', '(integer) 1'],
  ],
  [
    'deletes and expires its keys',
    (v) => `DEL ${v.prefix}secret\nUNLINK ${v.prefix}queue\nEXPIRE ${v.prefix}profile 1\nGETDEL ${v.prefix}cache:lock`,
    ['(integer) 0', '(integer) 0', '(integer) 0', '(nil)'],
  ],
  [
    'pops and trims its collections',
    (v) => `LPOP ${v.prefix}queue\nSPOP ${v.prefix}tags\nZPOPMIN ${v.prefix}board\nLTRIM ${v.prefix}queue 1 0\nXTRIM ${v.prefix}events MAXLEN 0`,
    ['(nil)', '(nil)', '(empty array)', 'OK', '(integer) 0'],
  ],
  ['marks its lesson done', (v) => `HSET ${v.keys.progress} stampede-lock '{"completed":99,"startedAt":0}'`, ['(integer) 1']],

  // Listing
  ['lists keys with any KEYS pattern', (v) => `KEYS *\nKEYS sl:*\nKEYS ${v.prefix}*\nKEYS *{*}*`, Array(4).fill('(empty array)')],
  ['sweeps the whole keyspace with SCAN', () => 'SCAN 0 COUNT 1000000', [EMPTY_SCAN]],
  ['hides a second MATCH and a TYPE filter in SCAN', () => 'SCAN 0 MATCH x MATCH * COUNT 1000000 TYPE string', [EMPTY_SCAN]],
  ['asks for a random key or the key count', () => 'RANDOMKEY\nDBSIZE', [refusedAs('randomkey'), refusedAs('dbsize')]],

  // Renaming and copying into the victim
  [
    'renames its own key onto the victim',
    (v) => `SET mine x\nRENAME mine ${v.prefix}secret\nSET mine y\nRENAMENX mine ${v.prefix}cache:data`,
    ['OK', 'OK', 'OK', '(integer) 1'],
  ],
  [
    'copies over the victim, and back',
    (v) => `SET mine x\nCOPY mine ${v.prefix}secret REPLACE\nCOPY ${v.prefix}queue mine REPLACE`,
    ['OK', '(integer) 1', '(integer) 0'],
  ],
  [
    'moves elements into the victim',
    (v) => `RPUSH mine x\nLMOVE mine ${v.prefix}queue LEFT LEFT\nSADD s x\nSMOVE s ${v.prefix}tags x\nRPOPLPUSH ${v.prefix}queue mine`,
    ['(integer) 1', '"x"', '(integer) 1', '(integer) 1', '"x"'],
  ],
  [
    'stores results into the victim',
    (v) => `SADD s x\nSUNIONSTORE ${v.prefix}tags s\nSORT s ALPHA STORE ${v.prefix}queue\nZUNIONSTORE ${v.prefix}board 1 s\nBITOP NOT ${v.prefix}secret s`,
    ['(integer) 1', '(integer) 1', '(integer) 1', '(integer) 1', /^\(error\) WRONGTYPE/],
  ],
  [
    'reads other keys through SORT BY and GET',
    (v) => `RPUSH mine 1\nSORT mine BY ${v.prefix}*\nSORT mine GET ${v.prefix}secret\nSORT_RO mine BY nosort GET #`,
    ['(integer) 1', refusedAs('sort'), refusedAs('sort'), refusedAs('sort_ro')],
  ],

  // Other databases and other servers
  [
    'moves a key to another database',
    (v) => `MOVE ${v.prefix}secret 1\nCOPY ${v.prefix}secret x DB 1\nSELECT 1\nSWAPDB 0 1`,
    [refusedAs('move'), refusedAs('copy'), refusedAs('select'), refusedAs('swapdb')],
  ],
  [
    'migrates a key through this very server',
    (v) => `MIGRATE 127.0.0.1 ${inject('redisPort')} ${v.prefix}secret 0 1000\nMIGRATE 127.0.0.1 ${inject('redisPort')} "" 0 1000 COPY KEYS ${v.prefix}secret`,
    [refusedAs('migrate'), refusedAs('migrate')],
  ],

  // Publish/subscribe
  [
    "subscribes to the victim's key events and channels",
    (v) => `SUBSCRIBE __keyspace@0__:${v.prefix}secret\nPSUBSCRIBE __key*__:*\nSSUBSCRIBE ${v.prefix}cache:release`,
    [refusedAs('subscribe'), refusedAs('psubscribe'), refusedAs('ssubscribe')],
  ],
  [
    "publishes into the victim's race channel",
    (v) => `PUBLISH ${v.prefix}cache:release pwned\nSPUBLISH ${v.prefix}cache:release pwned\nPUBSUB CHANNELS *`,
    [refusedAs('publish'), refusedAs('spublish'), refusedAs('pubsub channels')],
  ],
];

describe('one session attacking another', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
  });

  for (const [title, script, expected] of CASES) {
    it(`is confined when it ${title}`, async () => {
      const results = await new Client().run(script(victim));
      expect(results.map((r) => r.text)).toEqual(expected.map((e) => (typeof e === 'string' ? e : expect.stringMatching(e))));
      expectNoLeak(results);
      await victim.expectUnchanged();
    });
  }

  it('never sees its own namespace in a reply either', async () => {
    const learner = new Client();
    const results = await learner.run(
      'SET k v\nKEYS *\nSCAN 0\nRPUSH q a\nBLPOP q 1\nEVAL "return KEYS[1]" 1 k\nEVAL "return redis.call(\'GET\', KEYS[1])" 1 k\nOBJECT ENCODING k\nRENAME k',
    );
    for (const result of results) {
      expect(result.text).not.toContain(learner.namespace.id);
      expect(JSON.stringify(result.reply)).not.toContain(learner.namespace.id);
    }
  });
});
