import { describe, expect, it } from 'vitest';
import { snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';
import { manyKeys } from './many-keys';

type Case = [step: number, name: string, keys: Record<string, KeyState>, done: boolean, hint?: RegExp];

const three = (a: number | null, b: number | null, c: number | null) => ({ 'product:1': str('x', a), 'product:2': str('x', b), 'product:3': str('x', c) });

describe('many-keys', () => {
  it.each<Case>([
    [1, 'written together', three(60_000, 59_999, 59_998), true],
    [1, 'one missing', { 'product:1': str('x', 60_000) }, false, /`product:2` is missing/],
    [1, 'one without a TTL', three(60_000, null, 60_000), false, /`product:2` never expires/],
    [1, 'already apart', three(60_000, 40_000, 60_000), false, /already apart/],
    [2, 'jittered', three(54_000, 61_000, 67_000), true],
    [2, 'still together', three(60_000, 61_000, 62_000), false, /within 2 s of each other/],
    [2, 'a TTL far from the minute', three(5_000, 61_000, 67_000), false, /between 30 and 120 seconds/],
  ])('step %i: %s', (step, _name, keys, done, hint) => {
    const result = manyKeys.steps[step - 1]!.check(snapshot(keys));
    expect(result.done).toBe(done);
    if (hint) expect(result.hint).toMatch(hint);
  });

  it('judges the TTL prediction by the first TTL of product:3', () => {
    const observe = manyKeys.steps[0]!.prediction!.observe;
    expect(
      observe(
        snapshot({}, [
          ['SET product:3 "cached" EX 60', 'OK'],
          ['TTL product:3', '(integer) 60'],
          ['TTL product:3', '(integer) 58'],
        ]),
      ),
    ).toBe('(integer) 60');
    expect(observe(snapshot({}, [['TTL product:1', '(integer) 60']]))).toBeUndefined();
  });
});
