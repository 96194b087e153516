import { describe, expect, it } from 'vitest';
import { snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';
import { twoLevels } from './two-levels';

type Case = [step: number, name: string, keys: Record<string, KeyState>, log: [string, string][], done: boolean, hint?: RegExp];
const MISS: [string, string] = ['GET cache:report', '(nil)'];
const A: [string, string] = ['SET lock:report A NX PX 120000', 'OK'];

describe('two-levels', () => {
  it.each<Case>([
    [1, 'two leaders rebuilt', {}, [MISS, ['SET cache:report "from A" EX 60', 'OK'], ['SET cache:report "from B" EX 60', 'OK']], true],
    [
      1,
      'the same leader twice',
      {},
      [MISS, ['SET cache:report "from A" EX 60', 'OK'], ['SET cache:report "from A" EX 60', 'OK']],
      false,
      /Process B's leader missed too/,
    ],
    [
      1,
      'rebuilt without a miss',
      {},
      [
        ['SET cache:report x', 'OK'],
        ['SET cache:report y', 'OK'],
      ],
      false,
      /misses/,
    ],
    [2, 'A holds, B waits', { 'lock:report': str('A', 100_000) }, [A, ['SET lock:report B NX PX 120000', '(nil)']], true],
    [2, 'B not tried', { 'lock:report': str('A', 100_000) }, [A], false, /process B's leader tries/],
    [2, 'no lock yet', {}, [], false, /takes the lock first/],
    [2, 'B overwrote without NX', { 'lock:report': str('B', 100_000) }, [A, ['SET lock:report B PX 120000', 'OK']], false, /B's leader tries/],
  ])('step %i: %s', (step, _name, keys, log, done, hint) => {
    const result = twoLevels.steps[step - 1]!.check(snapshot(keys, log));
    expect(result.done).toBe(done);
    if (hint) expect(result.hint).toMatch(hint);
  });

  it("judges B's attempt after A took the lock", () => {
    const observe = twoLevels.steps[1]!.prediction!.observe;
    expect(observe(snapshot({}, [A, ['SET lock:report B NX PX 120000', '(nil)']]))).toBe('(nil)');
    expect(observe(snapshot({}, [A]))).toBeUndefined();
  });
});
