import { describe, expect, it } from 'vitest';
import { looksLike } from './checks/nearMiss';
import { advance } from './progress';
import { lessonBySlug } from './registry';
import { snapshot, str } from './testSnapshot';

const hintAfter = (slug: string, completed: number, log: [string, string][], keys = {}) => advance(lessonBySlug(slug)!, completed, snapshot(keys, log)).hint;
const SEED_TO_3: [string, string][] = [
  ['SET cache:data "initial value"', 'OK'],
  ['SET cache:lock "locked"', 'OK'],
  ['GET cache:data', '"initial value"'],
  ['SET cache:lock "locked" NX PX 30000', '(nil)'],
];

describe('near-miss key names', () => {
  it.each([
    ['cache:dta', 'cache:data', true],
    ['cache:lok', 'cache:lock', true],
    ['job:results', 'job:result', true],
    ['cache-data', 'cache:data', true],
    ['cache:lock', 'cache:data', false],
    ['job:lock', 'job:fence', false],
    ['page:lock', 'page:released', false],
    ['cache:data', 'cache:data', false],
  ])('%s for %s: %s', (typed, key, near) => {
    expect(looksLike(typed, key)).toBe(near);
  });

  it('are named in the hint: a typo in SET', () => {
    expect(hintAfter('stampede-lock', 0, [['SET cache:dta "initial value"', 'OK']], { 'cache:dta': str('initial value') })).toMatch(
      /you wrote `cache:dta`; this step is about `cache:data`\.$/,
    );
  });

  it('are named in the hint: a typo in DEL', () => {
    expect(hintAfter('stampede-lock', 3, [...SEED_TO_3, ['DEL cache:lok', '(integer) 0']], { 'cache:lock': str('locked') })).toMatch(
      /you wrote `cache:lok`; this step is about `cache:lock`/,
    );
  });

  it("are named in an advanced lesson's hint, before its own advice", () => {
    const hint = hintAfter('fencing-tokens', 2, [['EVAL "x" 1 job:results 1 "from worker-1"', '(integer) 1']]);
    expect(hint).toMatch(/^Redis key names are exact: you wrote `job:results`; this step is about `job:result`\. Write as worker 1/);
  });

  it('are named in the new lessons too', () => {
    expect(hintAfter('the-miss', 0, [['SET cache:dat "fresh value" PX 5000', 'OK']])).toMatch(
      /^Redis key names are exact: you wrote `cache:dat`; this step is about `cache:data`\./,
    );
    expect(hintAfter('two-levels', 1, [['SET lock:reprot A NX PX 120000', 'OK']])).toMatch(/you wrote `lock:reprot`; this step is about `lock:report`/);
    const leasesTo2: [string, string][] = [
      ['GET page:home', '(nil)'],
      ['SET page:home:lease 8c1e5b70 NX PX 120000', 'OK'],
      ['SET page:home:lease 77aa0142 NX PX 120000', '(nil)'],
    ];
    expect(hintAfter('leases', 2, [...leasesTo2, ['SET page:home "new"', 'OK']], { 'page:home:lease': str('8c1e5b70') })).not.toMatch(/key names/);
  });

  it('are named when the typo shares its line with a key spelled right', () => {
    const log: [string, string][] = [
      ['GET page:home', '(nil)'],
      ['SET page:home:lease 8c1e5b70 NX PX 120000', 'OK'],
      ['SET page:home:lease 77aa0142 NX PX 120000', '(nil)'],
      ['DEL page:home page:home:leas', '(integer) 0'],
    ];
    expect(hintAfter('leases', 2, log, { 'page:home:lease': str('8c1e5b70') })).toMatch(
      /^Redis key names are exact: you wrote `page:home:leas`; this step is about `page:home:lease`\. The lease is still out/,
    );
  });

  it('are named after another command on the right key, and as the nearest of several keys', () => {
    const log: [string, string][] = [
      ['SET product:1 "cached" EX 60', 'OK'],
      ['SET product:2 "cached" EX 60', 'OK'],
      ['SET produt:3 "cached" EX 60', 'OK'],
      ['TTL product:3', '(integer) -2'],
    ];
    const keys = { 'product:1': str('cached', 60_000), 'product:2': str('cached', 60_000), 'produt:3': str('cached', 60_000) };
    expect(hintAfter('many-keys', 0, log, keys)).toMatch(
      /^Redis key names are exact: you wrote `produt:3`; this step is about `product:3`\. `product:3` is missing/,
    );
    // Keys of the step spelled right are not typos of one another.
    expect(hintAfter('many-keys', 0, log.slice(0, 2), { 'product:1': str('cached', 60_000), 'product:2': str('cached', 60_000) })).not.toMatch(/key names/);
  });

  it('are not brought up again once the learner spelled the key right', () => {
    const hint = hintAfter(
      'stampede-lock',
      0,
      [
        ['SET cache:dta "initial value"', 'OK'],
        ['SET cache:data initial', 'OK'],
      ],
      { 'cache:data': str('initial') },
    );
    expect(hint).not.toMatch(/cache:dta/);
  });
});

describe('EVAL errors in a step that teaches EVAL', () => {
  it.each([
    ['(error) ERR value is not an integer or out of range', /numkeys, a number.*double quotes.*single quotes/],
    ['Invalid argument(s)', /a quote is not closed/],
    ["(error) ERR Number of keys can't be greater than number of args", /Count the keys again/],
  ])('%s gets its own help', (reply, help) => {
    const log: [string, string][] = [['EVAL if redis.call 2 job:lock job:fence worker-1 300000', reply]];
    const s = snapshot({}, log);
    s.log[0]!.ok = false;
    expect(advance(lessonBySlug('fencing-tokens')!, 0, s).hint).toMatch(help);
  });

  it('but not in the seed lesson, which does not teach it', () => {
    const s = snapshot({}, [['EVAL x y', '(error) ERR value is not an integer or out of range']]);
    s.log[0]!.ok = false;
    expect(advance(lessonBySlug('stampede-lock')!, 0, s).hint).not.toMatch(/numkeys/);
  });
});
