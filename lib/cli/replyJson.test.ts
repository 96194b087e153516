import { describe, expect, it } from 'vitest';
import type { Reply, ReplyJson } from './reply';
import { replyToJson } from './replyJson';

const bulk = (value: string | Uint8Array): Reply => ({
  type: 'bulk',
  value: typeof value === 'string' ? new TextEncoder().encode(value) : value,
});
const int = (value: string): Reply => ({ type: 'integer', value });

describe('replyToJson', () => {
  it.each<[string, Reply, ReplyJson]>([
    ['status', { type: 'status', value: 'OK' }, 'OK'],
    ['error', { type: 'error', value: 'ERR syntax error' }, { error: 'ERR syntax error' }],
    ['nil', { type: 'nil' }, null],
    ['integer', int('42'), 42],
    ['zero', int('0'), 0],
    ['negative integer', int('-7'), -7],
    ['largest safe integer', int('9007199254740991'), 9007199254740991],
    ['smallest safe integer', int('-9007199254740991'), -9007199254740991],
    ['2^53 stays text', int('9007199254740992'), '9007199254740992'],
    ['2^53 + 1 stays text', int('9007199254740993'), '9007199254740993'],
    ['int64 max stays text', int('9223372036854775807'), '9223372036854775807'],
    ['int64 min stays text', int('-9223372036854775808'), '-9223372036854775808'],
    ['bulk text', bulk('hello'), 'hello'],
    ['empty bulk', bulk(''), ''],
    ['bulk with control characters', bulk('a\nb\0c'), 'a\nb\0c'],
    ['unicode bulk', bulk('héllo 键 🙂'), 'héllo 键 🙂'],
    ['byte order mark is kept', bulk(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61)), '\ufeffa'],
    ['invalid UTF-8 becomes base64', bulk(Uint8Array.of(0xff, 0x00)), { bytes: '/wA=' }],
    ['lone continuation byte', bulk(Uint8Array.of(0x80)), { bytes: 'gA==' }],
    ['truncated multi-byte character', bulk(Uint8Array.of(0xc3)), { bytes: 'ww==' }],
    ['overlong encoding', bulk(Uint8Array.of(0xc0, 0xaf)), { bytes: 'wK8=' }],
    ['UTF-16 surrogate encoded in UTF-8', bulk(Uint8Array.of(0xed, 0xa0, 0x80)), { bytes: '7aCA' }],
    ['empty array', { type: 'array', value: [] }, []],
    [
      'nested array',
      {
        type: 'array',
        value: [int('1'), { type: 'array', value: [bulk('a'), { type: 'nil' }, bulk(Uint8Array.of(0xfe))] }],
      },
      [1, ['a', null, { bytes: '/g==' }]],
    ],
  ])('%s', (_name, reply, expected) => {
    expect(replyToJson(reply)).toEqual(expected);
  });
});
