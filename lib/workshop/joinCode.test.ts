import { describe, expect, it } from 'vitest';
import { cleanDisplayName } from './displayName';
import { joinCodeFrom, normalizeJoinCode } from './joinCode';
import { isStuck } from './stuck';

describe('join codes', () => {
  it('maps random bytes onto six unambiguous characters', () => {
    const code = joinCodeFrom(new Uint8Array([0, 1, 30, 31, 255, 62]));
    expect(code).toBe('AB9AHA');
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
  });

  it.each([
    ['abc234', 'ABC234'],
    ['ABC-234', 'ABC234'],
    [' abc 234 ', 'ABC234'],
    ['ABC23', undefined],
    ['ABC2340', undefined],
    ['ABC10O', undefined],
  ])('reads %j as %j', (typed, expected) => {
    expect(normalizeJoinCode(typed)).toBe(expected);
  });
});

describe('display names', () => {
  it('trims, collapses whitespace and drops control characters, but keeps markup as typed', () => {
    expect(cleanDisplayName('  Ada \t\n Lovelace\u0007 ')).toBe('Ada Lovelace');
    expect(cleanDisplayName('<b>Bob</b>')).toBe('<b>Bob</b>');
  });
});

describe('the stuck flag', () => {
  it('rises after five unfinished attempts on a step and falls once the lesson is finished', () => {
    expect(isStuck({ attempts: 4, step: 2, steps: 4 })).toBe(false);
    expect(isStuck({ attempts: 5, step: 2, steps: 4 })).toBe(true);
    expect(isStuck({ attempts: 9, step: 5, steps: 4 })).toBe(false);
  });
});
