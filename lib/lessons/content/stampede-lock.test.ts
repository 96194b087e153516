import { describe, expect, it } from 'vitest';
import { snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';
import { stampedeLock } from './stampede-lock';

type Case = [name: string, keys: Record<string, KeyState>, log: [string, string][], done: boolean, hint?: RegExp];

const check = (step: number, keys: Record<string, KeyState>, log: [string, string][]) => stampedeLock.steps[step - 1]!.check(snapshot(keys, log));
const SYNTAX = '(error) ERR syntax error';

function table(step: number, cases: Case[]) {
  it.each(cases)(`step ${step}: %s`, (_name, keys, log, done, hint) => {
    const result = check(step, keys, log);
    expect(result.done).toBe(done);
    if (hint) expect(result.hint).toMatch(hint);
  });
}

describe('stampede-lock', () => {
  it('has four steps about cache:data and cache:lock', () => {
    expect(stampedeLock.steps.map((s) => s.keys)).toEqual([['cache:data'], ['cache:lock'], ['cache:data', 'cache:lock'], ['cache:lock']]);
  });

  table(1, [
    ['the value is cached', { 'cache:data': str('initial value') }, [['SET cache:data "initial value"', 'OK']], true],
    ['nothing yet', {}, [], false, /does not exist yet.*SET cache:data "initial value"/],
    [
      'an unquoted value became two arguments',
      {},
      [['SET cache:data initial value', SYNTAX]],
      false,
      /Without quotes.*2 arguments.*`value` as an option.*"initial value"/,
    ],
    [
      'a dash instead of a colon',
      { 'cache-data': str('initial value') },
      [['SET cache-data "initial value"', 'OK']],
      false,
      /you wrote `cache-data`; this step is about `cache:data`/,
    ],
    ['a capital letter', { 'cache:Data': str('initial value') }, [['SET cache:Data "initial value"', 'OK']], false, /you wrote `cache:Data`/],
    ['a wrong key seen only in the snapshot', { cache_data: str('x') }, [], false, /`cache_data`/],
    ['another value', { 'cache:data': str('initial') }, [['SET cache:data initial', 'OK']], false, /holds "initial".*expects "initial value"/],
  ]);

  table(2, [
    ['the lock is held', { 'cache:lock': str('locked') }, [['SET cache:lock "locked"', 'OK']], true],
    [
      'taken and already released in the same run',
      {},
      [
        ['SET cache:lock "locked"', 'OK'],
        ['DEL cache:lock', '(integer) 1'],
      ],
      true,
    ],
    ['a wrong key', { 'cache-lock': str('locked') }, [['SET cache-lock locked', 'OK']], false, /`cache-lock`/],
    ['not yet', {}, [], false, /SET cache:lock "locked"/],
  ]);

  const held = { 'cache:data': str('initial value'), 'cache:lock': str('locked') };
  table(3, [
    [
      'the lock was refused: (nil)',
      held,
      [
        ['GET cache:data', '"initial value"'],
        ['SET cache:lock "locked" NX PX 30000', '(nil)'],
      ],
      true,
    ],
    [
      'the lock was taken: OK',
      { 'cache:lock': str('locked', 29_000) },
      [
        ['GET cache:data', '"initial value"'],
        ['SET cache:lock "locked" NX PX 30000', 'OK'],
      ],
      true,
    ],
    [
      'options in another order and case',
      held,
      [
        ['GET cache:data', '"x"'],
        ['set cache:lock locked px 30000 nx', '(nil)'],
      ],
      true,
    ],
    [
      'EX 30 instead of PX 30000',
      held,
      [
        ['GET cache:data', '"initial value"'],
        ['SET cache:lock "locked" EX 30', 'OK'],
      ],
      false,
      /`EX 30` counts in seconds.*`PX 30000`.*Add `NX`/,
    ],
    ['EX 30 with NX', held, [['SET cache:lock "locked" NX EX 30', '(nil)']], false, /^`EX 30` counts in seconds[^N]*$/],
    [
      'NX missing',
      held,
      [
        ['GET cache:data', '"initial value"'],
        ['SET cache:lock "locked" PX 30000', 'OK'],
      ],
      false,
      /Without `NX`/,
    ],
    [
      'a lock without TTL',
      { 'cache:lock': str('locked') },
      [
        ['GET cache:data', '"initial value"'],
        ['SET cache:lock "locked" NX', 'OK'],
      ],
      false,
      /no expiry.*PX 30000/,
    ],
    ['PX in seconds', held, [['SET cache:lock "locked" NX PX 30', '(nil)']], false, /30 seconds is `PX 30000`/],
    [
      'a wrong lock key',
      held,
      [
        ['GET cache:data', '"initial value"'],
        ['SET cache:Lock "locked" NX PX 30000', 'OK'],
      ],
      false,
      /`cache:Lock`/,
    ],
    ['the GET is missing', held, [['SET cache:lock "locked" NX PX 30000', '(nil)']], false, /GET cache:data/],
    [
      "step 2's plain SET is no lock attempt",
      held,
      [
        ['SET cache:lock "locked"', 'OK'],
        ['GET cache:data', '"initial value"'],
      ],
      false,
      /NX PX 30000/,
    ],
    [
      'a syntax error is not an attempt',
      held,
      [
        ['GET cache:data', '"v"'],
        ['SET cache:lock locked NX PX', SYNTAX],
      ],
      false,
    ],
  ]);

  const attempt: [string, string] = ['SET cache:lock "locked" NX PX 30000', '(nil)'];
  table(4, [
    ['released', {}, [attempt, ['DEL cache:lock', '(integer) 1']], true],
    ['released with UNLINK', {}, [attempt, ['UNLINK cache:lock', '(integer) 1']], true],
    ['never deleted (it expired)', {}, [attempt], false, /DEL cache:lock/],
    [
      'deleted before the attempt only',
      { 'cache:lock': str('locked', 20_000) },
      [
        ['DEL cache:lock', '(integer) 1'],
        ['SET cache:lock "locked" NX PX 30000', 'OK'],
      ],
      false,
      /still exists/,
    ],
    ['a wrong key deleted', { 'cache:lock': str('locked') }, [attempt, ['DEL cache-lock', '(integer) 0']], false, /`cache-lock`/],
  ]);
});
