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
    expect(hintAfter('stampede-lock', 0, [['SET cache:dta "initial value"', 'OK']], { 'cache:dta': str('initial value') })).toMatch(/you wrote `cache:dta`; this step is about `cache:data`\.$/);
  });

  it('are named in the hint: a typo in DEL', () => {
    expect(hintAfter('stampede-lock', 3, [...SEED_TO_3, ['DEL cache:lok', '(integer) 0']], { 'cache:lock': str('locked') })).toMatch(/you wrote `cache:lok`; this step is about `cache:lock`/);
  });

  it('are named in an advanced lesson\'s hint, before its own advice', () => {
    const hint = hintAfter('fencing-tokens', 2, [['EVAL "x" 1 job:results 1 "from worker-1"', '(integer) 1']]);
    expect(hint).toMatch(/^Redis key names are exact: you wrote `job:results`; this step is about `job:result`\. Write as worker 1/);
  });

  it('are not brought up again once the learner spelled the key right', () => {
    const hint = hintAfter('stampede-lock', 0, [['SET cache:dta "initial value"', 'OK'], ['SET cache:data initial', 'OK']], { 'cache:data': str('initial') });
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
