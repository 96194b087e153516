import { describe, expect, it } from 'vitest';
import { snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';
import { leases } from './leases';

type Case = [step: number, name: string, keys: Record<string, KeyState>, log: [string, string][], done: boolean, hint?: RegExp];

const FILL = `EVAL "if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'EX', 60) redis.call('DEL', KEYS[2]) return 1 end return 0" 2 page:home page:home:lease 8c1e5b70 "old page"`;
const MISS: [string, string] = ['GET page:home', '(nil)'];
const LEASE: [string, string] = ['SET page:home:lease 8c1e5b70 NX PX 120000', 'OK'];
const held = { 'page:home:lease': str('8c1e5b70', 100_000) };

describe('leases', () => {
  it.each<Case>([
    [1, 'missed and took the lease', held, [MISS, LEASE], true],
    [1, 'took the lease without reading', held, [LEASE], false, /First read the page/],
    [1, 'no NX', held, [MISS, ['SET page:home:lease 8c1e5b70 PX 120000', 'OK']], false, /Without `NX`/],
    [
      1,
      'a value anyone could claim',
      { 'page:home:lease': str('1', 100_000) },
      [MISS, ['SET page:home:lease 1 NX PX 120000', 'OK']],
      false,
      /any reader could claim/,
    ],
    [1, 'a typo in the lease key', {}, [MISS, ['SET page:home:leas 8c1e5b70 NX PX 120000', 'OK']], false, /Take the lease/],
    [2, 'the second reader was refused', held, [MISS, LEASE, ['SET page:home:lease 77aa0142 NX PX 120000', '(nil)']], true],
    [2, 'not tried yet', held, [MISS, LEASE], false, /second reader with its own token/],
    [2, 'the first lease expired', {}, [MISS, LEASE], false, /lease is gone/],
    [3, 'the late fill was refused', {}, [MISS, LEASE, ['DEL page:home page:home:lease', '(integer) 1'], [FILL, '(integer) 0']], true],
    [3, 'filled before the delete', { 'page:home': str('old page', 60_000) }, [MISS, LEASE, [FILL, '(integer) 1']], false, /late fill got in/],
    [3, 'the lease is still out', held, [MISS, LEASE], false, /DEL page:home page:home:lease/],
    [
      3,
      'quotes broke the fill',
      {},
      [
        ['DEL page:home page:home:lease', '(integer) 1'],
        [FILL, '(error) ERR Error compiling script'],
      ],
      false,
      /could not run the script/,
    ],
  ])('step %i: %s', (step, _name, keys, log, done, hint) => {
    const result = leases.steps[step - 1]!.check(snapshot(keys, log));
    expect(result.done).toBe(done);
    if (hint) expect(result.hint).toMatch(hint);
  });

  it("judges the second reader's attempt, after the first lease, and the first fill", () => {
    const log: [string, string][] = [
      MISS,
      LEASE,
      ['SET page:home:lease 77aa0142 NX PX 120000', '(nil)'],
      ['DEL page:home page:home:lease', '(integer) 1'],
      [FILL, '(integer) 0'],
    ];
    expect(leases.steps[1]!.prediction!.observe(snapshot({}, log))).toBe('(nil)');
    expect(leases.steps[1]!.prediction!.observe(snapshot({}, log.slice(0, 2)))).toBeUndefined();
    expect(leases.steps[2]!.prediction!.observe(snapshot({}, log))).toBe('(integer) 0');
  });
});
