import { describe, expect, it } from 'vitest';
import { lessonBySlug } from '../registry';
import { hash, list, NOW, snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';

type Case = [step: number, name: string, keys: Record<string, KeyState>, log: [string, string][], done: boolean, hint?: RegExp];

function table(slug: string, cases: Case[]) {
  const lesson = lessonBySlug(slug)!;
  describe(slug, () => {
    it.each(cases)('step %i: %s', (step, _name, keys, log, done, hint) => {
      const result = lesson.steps[step - 1]!.check(snapshot(keys, log));
      expect(result.done).toBe(done);
      if (hint) expect(result.hint).toMatch(hint);
    });
  });
}

const RELEASE = `EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end" 1 order:lock`;
const EXTEND = `EVAL "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end" 1 report:lock`;
const TAKE = `EVAL "if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return redis.call('INCR', KEYS[2]) end return false" 2 job:lock job:fence`;
const FENCED = `EVAL "local last = tonumber(redis.call('HGET', KEYS[1], 'token') or '0') if tonumber(ARGV[1]) >= last then redis.call('HSET', KEYS[1], 'token', ARGV[1], 'value', ARGV[2]) return 1 end return 0" 1 job:result`;
const DECIDE = `EVAL "local h = redis.call('HMGET', KEYS[1], 'delta', 'expiry') if now - h[1] * ARGV[1] * math.log(ARGV[2]) >= tonumber(h[2]) then return 1 else return 0 end" 1 feed:home`;
const STORE = `EVAL "redis.call('HSET', KEYS[1], 'value', ARGV[1], 'delta', ARGV[2], 'expiry', now + ARGV[3])" 1 feed:home "x" 5000 60000`;

table('lock-expiry', [
  [1, 'a short lock', { 'report:lock': str('worker-1', 2_000) }, [['SET report:lock worker-1 NX PX 2000', 'OK']], true],
  [1, 'a long lock', { 'report:lock': str('worker-1', 30_000) }, [['SET report:lock worker-1 NX PX 30000', 'OK']], false, /at most 5 seconds/],
  [1, 'still held from before', { 'report:lock': str('x', 900) }, [['SET report:lock worker-1 NX PX 2000', '(nil)']], false, /still held/],
  [2, 'worker 2 got in', { 'report:lock': str('worker-2', 9_000) }, [['SET report:lock worker-2 NX PX 10000', 'OK']], true],
  [2, 'too early', { 'report:lock': str('worker-1', 500) }, [['SET report:lock worker-2 NX PX 10000', '(nil)']], false, /not expired yet/],
  [3, "extended while still worker 2's", { 'report:lock': str('worker-2', 29_000) }, [[`${EXTEND} worker-2 30000`, '(integer) 1']], true],
  [
    3,
    "a bare PEXPIRE extends anyone's lock",
    { 'report:lock': str('worker-2', 29_000) },
    [['PEXPIRE report:lock 30000', '(integer) 1']],
    false,
    /bare `PEXPIRE`.*compare-and-extend/,
  ],
  [
    3,
    'extended as worker 1: refused',
    { 'report:lock': str('worker-2', 4_000) },
    [[`${EXTEND} worker-1 30000`, '(integer) 0']],
    false,
    /Extend it as worker 2/,
  ],
  [3, 'expired before extending', {}, [[`${EXTEND} worker-2 30000`, '(integer) 0']], false, /expired before you extended/],
  [
    3,
    'not extended far enough',
    { 'report:lock': str('worker-2', 4_000) },
    [[`${EXTEND} worker-2 5000`, '(integer) 1']],
    false,
    /Extend it as worker 2, beyond 10 seconds/,
  ],
]);

table('safe-release', [
  [1, 'a random token with TTL', { 'order:lock': str('5f2c9e71', 30_000) }, [], true],
  [1, 'the shared value "locked"', { 'order:lock': str('locked', 30_000) }, [], false, /any client could write.*random token/],
  [1, 'no TTL', { 'order:lock': str('a1b2c3d4') }, [], false, /no TTL/],
  [2, 'a wrong token deletes nothing', { 'order:lock': str('5f2c9e71', 20_000) }, [[`${RELEASE} nope`, '(integer) 0']], true],
  [
    2,
    'quotes broke the script',
    { 'order:lock': str('5f2c9e71', 20_000) },
    [[`${RELEASE} nope`, '(error) ERR Error compiling script']],
    false,
    /could not run the script.*character by character/,
  ],
  [2, 'the lock is gone', {}, [[`${RELEASE} 5f2c9e71`, '(integer) 1']], false, /is gone/],
  [3, 'released with the token', {}, [[`${RELEASE} 5f2c9e71`, '(integer) 1']], true],
  [3, 'the wrong token kept it', { 'order:lock': str('5f2c9e71', 20_000) }, [[`${RELEASE} nope`, '(integer) 0']], false, /"5f2c9e71"/],
  [3, 'a plain DEL is not a safe release', {}, [['DEL order:lock', '(integer) 1']], false, /not through the script/],
]);

table('waiting-well', [
  [
    1,
    'held and polled twice',
    { 'page:lock': str('worker-1', 20_000) },
    [
      ['EXISTS page:lock', '(integer) 1'],
      ['EXISTS page:lock', '(integer) 1'],
    ],
    true,
  ],
  [1, 'polled once', { 'page:lock': str('worker-1', 20_000) }, [['EXISTS page:lock', '(integer) 1']], false, /at least twice/],
  [
    2,
    'told by a list pop after the value was written',
    { 'page:data': str('rebuilt page') },
    [
      ['SET page:data "rebuilt page"', 'OK'],
      ['LPUSH page:released done', '(integer) 1'],
      ['BLPOP page:released 5', '1) "page:released"\n2) "done"'],
    ],
    true,
  ],
  [
    2,
    'announced before the value was there',
    { 'page:data': str('rebuilt page') },
    [
      ['LPUSH page:released done', '(integer) 1'],
      ['SET page:data "rebuilt page"', 'OK'],
      ['BLPOP page:released 5', '1) "page:released"\n2) "done"'],
    ],
    false,
    /before the value was there/,
  ],
  [2, 'popped before anyone pushed', {}, [['BLPOP page:released 5', '(nil)']], false, /LPUSH page:released done/],
  [2, 'the lock is still held', { 'page:lock': str('worker-1', 20_000) }, [], false, /DEL page:lock/],
  [3, 'timed out', {}, [['BLPOP page:released 1', '(nil)']], true],
  [3, 'the list still has an item', { 'page:released': list(['done']) }, [], false, /Pop it first/],
]);

const stale = hash({ value: 'v1', fresh_until: '1' }, 3_600_000);
table('stale-while-revalidate', [
  [1, 'two expiries', { 'product:42': stale }, [], true],
  [1, 'no physical TTL', { 'product:42': hash({ value: 'v1', fresh_until: '1' }) }, [], false, /EXPIRE product:42 3600/],
  [1, 'fresh_until is not a number', { 'product:42': hash({ value: 'v1', fresh_until: 'soon' }, 1000) }, [], false, /must be a number/],
  [1, 'a string instead of a hash', { 'product:42': str('v1') }, [], false, /must be a hash/],
  [
    2,
    'read and one refresher with a token',
    { 'product:42': stale },
    [
      ['HGETALL product:42', '...'],
      ['SET product:42:refresh 7d1f3a9c NX PX 10000', 'OK'],
    ],
    true,
  ],
  [
    2,
    'a refresh lock anyone could release',
    { 'product:42': stale },
    [
      ['HGETALL product:42', '...'],
      ['SET product:42:refresh 1 NX PX 10000', 'OK'],
    ],
    false,
    /"1" is a value any refresher could write/,
  ],
  [
    2,
    'no NX',
    { 'product:42': stale },
    [
      ['HGETALL product:42', '...'],
      ['SET product:42:refresh 1 PX 10000', 'OK'],
    ],
    false,
    /Without `NX`/,
  ],
  [
    2,
    'no TTL on the refresh lock',
    { 'product:42': stale },
    [
      ['HGETALL product:42', '...'],
      ['SET product:42:refresh 1 NX', 'OK'],
    ],
    false,
    /TTL/,
  ],
  [3, 'refreshed', { 'product:42': hash({ value: 'v2', fresh_until: String(NOW / 1000 + 60) }, 3_600_000) }, [], true],
  [3, 'fresh_until still in the past', { 'product:42': hash({ value: 'v2', fresh_until: '1' }, 3_600_000) }, [], false, /still in the past/],
  [
    3,
    'the refresh lock was kept',
    { 'product:42': hash({ value: 'v2', fresh_until: String(NOW / 1000 + 60) }, 3_600_000), 'product:42:refresh': str('1', 5_000) },
    [],
    false,
    /DEL product:42:refresh/,
  ],
]);

const feed = hash({ value: 'top stories', delta: '5000', expiry: String(NOW + 60_000) }, 60_000);
table('xfetch', [
  [1, 'value, delta and expiry', { 'feed:home': feed }, [], true],
  [1, 'expiry in seconds', { 'feed:home': hash({ value: 'x', delta: '5000', expiry: String(NOW / 1000 + 60) }, 60_000) }, [], false, /milliseconds/],
  [1, 'no delta', { 'feed:home': hash({ value: 'x', expiry: String(NOW + 60_000) }, 60_000) }, [], false, /`delta`/],
  [2, 'a decision', { 'feed:home': feed }, [[`${DECIDE} 1 0.5`, '(integer) 0']], true],
  [2, 'the script failed', {}, [[`${DECIDE} 1 0.5`, '(error) ERR user_script:1: attempt to perform arithmetic on a boolean value']], false, /repeat step 1/],
  [
    3,
    'refreshed early',
    { 'feed:home': feed },
    [
      [`${DECIDE} 2 0.001`, '(integer) 1'],
      [STORE, '(integer) 1750000060000'],
    ],
    true,
  ],
  [3, 'the decision said no', { 'feed:home': feed }, [[`${DECIDE} 1 0.5`, '(integer) 0']], false, /r = 0.001/],
  [3, 'decided but did not store', { 'feed:home': feed }, [[`${DECIDE} 2 0.001`, '(integer) 1']], false, /store the value again/],
]);

table('fencing-tokens', [
  [1, 'lock and token from one script', { 'job:lock': str('worker-1', 300_000), 'job:fence': str('1') }, [[`${TAKE} worker-1 300000`, '(integer) 1']], true],
  [1, 'INCR alone takes no lock', { 'job:fence': str('1') }, [['INCR job:fence', '(integer) 1']], false, /no lock was taken/],
  [
    1,
    'SET and INCR apart leave a gap',
    { 'job:lock': str('worker-1'), 'job:fence': str('1') },
    [
      ['SET job:lock worker-1 NX PX 300000', 'OK'],
      ['INCR job:fence', '(integer) 1'],
    ],
    false,
    /leave a gap.*one script/,
  ],
  [1, 'the lock was held', { 'job:lock': str('someone') }, [[`${TAKE} worker-1 300000`, '(nil)']], false, /answered `\(nil\)`.*held \(by "someone"\)/],
  [1, 'nothing yet', {}, [], false, /in one script/],
  [
    2,
    'worker 2 took over and wrote with its token',
    { 'job:lock': str('worker-2'), 'job:fence': str('2'), 'job:result': hash({ token: '2', value: 'from worker-2' }) },
    [
      [`${TAKE} worker-2 300000`, '(integer) 2'],
      [`${FENCED} 2 "from worker-2"`, '(integer) 1'],
    ],
    true,
  ],
  [
    2,
    "worker 2's lock attempt answered (nil)",
    { 'job:lock': str('worker-1'), 'job:fence': str('2'), 'job:result': hash({ token: '2', value: 'from worker-2' }) },
    [
      [`${TAKE} worker-2 300000`, '(nil)'],
      ['INCR job:fence', '(integer) 2'],
      [`${FENCED} 2 "from worker-2"`, '(integer) 1'],
    ],
    false,
    /answered `\(nil\)`.*worker-1.*DEL job:lock/,
  ],
  [
    2,
    'a token but no write yet',
    { 'job:lock': str('worker-2'), 'job:fence': str('2') },
    [[`${TAKE} worker-2 300000`, '(integer) 2']],
    false,
    /token 2\. Write its result/,
  ],
  [
    2,
    'the write used an old token',
    { 'job:lock': str('worker-2'), 'job:fence': str('3'), 'job:result': hash({ token: '3', value: 'x' }) },
    [
      [`${TAKE} worker-2 300000`, '(integer) 3'],
      [`${FENCED} 2 "from worker-2"`, '(integer) 0'],
    ],
    false,
    /refused token 2/,
  ],
  [
    3,
    'the stale write is refused',
    { 'job:fence': str('2'), 'job:result': hash({ token: '2', value: 'from worker-2' }) },
    [[`${FENCED} 1 "from worker-1"`, '(integer) 0']],
    true,
  ],
  [3, 'not tried yet', { 'job:result': hash({ token: '2', value: 'from worker-2' }) }, [[`${FENCED} 2 "from worker-2"`, '(integer) 1']], false, /old token, 1/],
]);
