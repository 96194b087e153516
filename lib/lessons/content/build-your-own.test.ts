import { describe, expect, it } from 'vitest';
import { lessonBySlug } from '../registry';
import { snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';

const lesson = lessonBySlug('build-your-own')!;
const solution = (step: number) => lesson.steps[step - 1]!.solution.split('\n');
const READ = solution(1)[1]!;
const READ_AS_8 = solution(2)[0]!;
const WRITE = solution(3)[0]!;
const READ_NO_TTL = solution(4)[1]!;
const WRITE_NO_TOKEN = solution(5)[2]!;
const COMPUTE_7 = '1) "compute"\n2) "7-0.42"';
const COMPUTE_8 = '1) "compute"\n2) "8-0.42"';
const WAIT = '1) "wait"\n2) (integer) 50';

type Case = [step: number, name: string, keys: Record<string, KeyState>, log: [string, string][], done: boolean, hint?: RegExp];

describe('Build your own', () => {
  it.each<Case>([
    [1, 'client 7 takes the lock', { 'cache:lock': str('7-0.42', 299_000) }, [[READ, COMPUTE_7]], true],
    [1, 'the value was still cached', { 'cache:data': str('v', 1_000) }, [[READ, '1) "hit"\n2) "v"']], false, /DEL cache:data/],
    [
      1,
      'a script split into words',
      {},
      [['EVAL local v = 2 cache:data', '(error) ERR value is not an integer or out of range']],
      false,
      /wrap the whole script in double quotes/,
    ],
    [
      2,
      'client 8 waits',
      { 'cache:lock': str('7-0.42', 290_000) },
      [
        [READ, COMPUTE_7],
        [READ_AS_8, WAIT],
      ],
      true,
    ],
    [2, 'client 8 got the lock: it was free', { 'cache:lock': str('8-0.42', 290_000) }, [[READ_AS_8, COMPUTE_8]], false, /A second client got the lock too/],
    [3, 'stored and released', { 'cache:data': str('value from 7-0.42', 299_000) }, [[WRITE, '(integer) 1']], true],
    [
      3,
      'a wrong token keeps the lock',
      { 'cache:data': str('x', 299_000), 'cache:lock': str('7-0.42', 200_000) },
      [[WRITE.replace('7-0.42 ', '7-0.5 '), '(integer) 1']],
      false,
      /holder's token/,
    ],
    [4, 'a lock without TTL', { 'cache:lock': str('7-0.42') }, [[READ_NO_TTL, COMPUTE_7]], true],
    [4, 'the lock still has its PX', { 'cache:lock': str('7-0.42', 299_000) }, [[READ, COMPUTE_7]], false, /without `'PX', ARGV\[2\]`/],
    [
      5,
      "client 7 deletes client 8's lock",
      { 'cache:data': str('x', 299_000) },
      [
        [READ_AS_8, COMPUTE_8],
        [WRITE_NO_TOKEN, '(integer) 1'],
      ],
      true,
    ],
    [
      5,
      'with the token check the lock stays',
      { 'cache:data': str('x', 299_000), 'cache:lock': str('8-0.42', 299_000) },
      [
        [READ_AS_8, COMPUTE_8],
        [WRITE, '(integer) 1'],
      ],
      false,
      /without the token check/,
    ],
  ])('step %i: %s', (step, _name, keys, log, done, hint) => {
    const result = lesson.steps[step - 1]!.check(snapshot(keys, log));
    expect(result.done).toBe(done);
    if (hint) expect(result.hint).toMatch(hint);
  });

  it('asks what client 8 will be told, and judges it by its first read', () => {
    const observe = lesson.steps[1]!.prediction!.observe;
    expect(observe(snapshot({}, [[READ, COMPUTE_7]]))).toBeUndefined();
    expect(
      observe(
        snapshot({}, [
          [READ, COMPUTE_7],
          [READ_AS_8, WAIT],
        ]),
      ),
    ).toBe(WAIT);
  });
});
