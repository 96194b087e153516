import { describe, expect, it } from 'vitest';
import { formatMs, isErrorResult } from './format';

describe('isErrorResult', () => {
  const cases: [text: string, ok: boolean, expected: boolean][] = [
    ['OK', true, false],
    ['"(error) is just a value"', true, false],
    ["(error) ERR wrong number of arguments for 'get' command", true, true],
    ['Invalid argument(s)', true, true],
    ['(nil)', false, true],
  ];
  it.each(cases)('%s (ok: %s) → %s', (text, ok, expected) => expect(isErrorResult({ text, ok })).toBe(expected));
});

describe('formatMs', () => {
  const cases: [ms: number, expected: string][] = [
    [0.004, '<0.01 ms'],
    [0.21, '0.21 ms'],
    [9.999, '10.00 ms'],
    [12.4, '12 ms'],
    [1530, '1.53 s'],
    [-1, '–'],
    [Number.NaN, '–'],
  ];
  it.each(cases)('%s → %s', (ms, expected) => expect(formatMs(ms)).toBe(expected));
});
