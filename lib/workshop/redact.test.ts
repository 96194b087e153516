import { describe, expect, it } from 'vitest';
import { HIDDEN, redactedLine, UNSPLITTABLE } from './redact';

describe('a failed line as the teacher sees it', () => {
  it.each([
    ['AUTH hunter2', 'AUTH ***'],
    ['auth default hunter2', 'auth *** ***'],
    ['"AUTH" "hunter2"', 'AUTH ***'],
    ['"\\x41UTH" hunter2', 'AUTH ***'],
    ['HELLO 3 AUTH default hunter2 SETNAME me', 'HELLO 3 AUTH *** *** SETNAME me'],
    ['hello 3 "auth" default "hunter 2"', 'hello 3 auth *** ***'],
    ['MIGRATE h 6379 "" 0 1000 AUTH2 u hunter2 KEYS k', 'MIGRATE h 6379 "" 0 1000 AUTH2 *** *** KEYS k'],
    ['ACL SETUSER bob on >hunter2 ~*', 'ACL SETUSER bob on *** ~*'],
    ['CONFIG SET maxmemory 1 requirepass hunter2', 'CONFIG SET maxmemory 1 requirepass ***'],
    ['SET auth hunter2', 'SET auth hunter2'],
  ])('shows %j as %j', (typed, shown) => {
    expect(redactedLine(typed, '(error) ERR nope').command).toBe(shown);
  });

  it('keeps a line without a secret exactly as typed, quotes and all', () => {
    expect(redactedLine('SET  k   "a b"', 'x')).toEqual({ command: 'SET  k   "a b"', reply: 'x' });
  });

  it('scrubs a password the reply would echo', () => {
    expect(redactedLine('AUTH hunter2', "(error) ERR 'hunter2' is wrong").reply).toBe(`(error) ERR '${HIDDEN}' is wrong`);
  });

  it('shows no argument of a line that cannot be split, since none can be told from a password', () => {
    expect(redactedLine('AUTH "hunter2', 'Invalid argument(s)')).toEqual({ command: UNSPLITTABLE, reply: 'Invalid argument(s)' });
  });
});
