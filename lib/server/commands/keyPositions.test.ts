import { describe, expect, it } from 'vitest';
import { keyPositions } from './keyPositions';
import type { CommandMeta, KeySpec } from './metadata';

const range = (index: number, lastKey: number, keyStep = 1, limit = 0): KeySpec => ({
  flags: [],
  beginSearch: { type: 'index', index },
  findKeys: { type: 'range', lastKey, keyStep, limit },
});
const keyword = (word: string, startFrom: number, lastKey: number): KeySpec => ({
  flags: [],
  beginSearch: { type: 'keyword', keyword: word, startFrom },
  findKeys: { type: 'range', lastKey, keyStep: 1, limit: 0 },
});
const keynum = (index: number): KeySpec => ({
  flags: [],
  beginSearch: { type: 'index', index },
  findKeys: { type: 'keynum', keyNumIndex: 0, firstKey: 1, keyStep: 1 },
});
const meta = (name: string, arity: number, keySpecs: KeySpec[]): CommandMeta => ({
  name,
  arity,
  flags: [],
  legacyKeys: { first: 0, last: 0, step: 0 },
  categories: [],
  keySpecs,
  subcommands: new Map(),
});

/** The specs are the ones Redis 7.0 reports for these commands (COMMAND INFO). */
const cases: [string, CommandMeta, string, number[] | 'invalid'][] = [
  ['GET', meta('get', 2, [range(1, 0)]), 'GET k', [1]],
  ['MSET (pairs)', meta('mset', -3, [range(1, -1, 2)]), 'MSET a 1 b 2', [1, 3]],
  ['DEL (all but the name)', meta('del', -2, [range(1, -1)]), 'DEL a b c', [1, 2, 3]],
  ['RENAME', meta('rename', 3, [range(1, 0), range(2, 0)]), 'RENAME a b', [1, 2]],
  ['EVAL with two keys', meta('eval', -3, [keynum(2)]), 'EVAL s 2 k1 k2 arg', [3, 4]],
  ['EVAL with no keys', meta('eval', -3, [keynum(2)]), 'EVAL s 0 arg', []],
  ['EVAL with a bad numkeys', meta('eval', -3, [keynum(2)]), 'EVAL s x', 'invalid'],
  ['EVAL with too many keys', meta('eval', -3, [keynum(2)]), 'EVAL s 3 a', 'invalid'],
  [
    'XREAD after STREAMS, half the rest',
    meta('xread', -4, [{ ...keyword('STREAMS', 1, -1), findKeys: { type: 'range', lastKey: -1, keyStep: 1, limit: 2 } }]),
    'XREAD COUNT 2 STREAMS a b 0 0',
    [4, 5],
  ],
  ['GEORADIUS … STORE dest', meta('georadius', -6, [range(1, 0), keyword('STORE', 6, 0)]), 'GEORADIUS g 0 0 1 km STORE out', [1, 7]],
  ['a keyword that is absent', meta('georadius', -6, [range(1, 0), keyword('STORE', 6, 0)]), 'GEORADIUS g 0 0 1 km', [1]],
  [
    'an unknown spec is skipped',
    meta('sort', -2, [range(1, 0), { flags: ['incomplete'], beginSearch: { type: 'unknown' }, findKeys: { type: 'unknown' } }]),
    'SORT l',
    [1],
  ],
];

describe('key positions from key specs', () => {
  for (const [name, command, line, expected] of cases) {
    it(name, () => {
      const result = keyPositions(command, line.split(' '));
      if (expected === 'invalid') expect(result.ok).toBe(false);
      else expect(result).toMatchObject({ ok: true, positions: expected });
    });
  }
});
