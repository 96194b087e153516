import { describe, expect, it } from 'vitest';
import { formatReply, INVALID_ARGUMENTS } from './format';
import type { Reply } from './reply';

const status = (value: string): Reply => ({ type: 'status', value });
const error = (value: string): Reply => ({ type: 'error', value });
const int = (value: number | string): Reply => ({ type: 'integer', value: String(value) });
const bulk = (value: string | Uint8Array): Reply => ({
  type: 'bulk',
  value: typeof value === 'string' ? new TextEncoder().encode(value) : value,
});
const nil: Reply = { type: 'nil' };
const array = (...value: Reply[]): Reply => ({ type: 'array', value });
const integers = (count: number): Reply[] => Array.from({ length: count }, (_, i) => int(i + 1));
const lines = (...text: string[]) => text.join('\n');

// Every expected string below was printed by redis-cli 7.0.15 --no-raw (mostly for EVAL scripts
// returning these shapes), less its final newline.
describe('formatReply', () => {
  it.each<[string, Reply, string]>([
    ['status', status('OK'), 'OK'],
    ['status is not quoted', status('PONG'), 'PONG'],
    ['error', error('ERR unknown command'), '(error) ERR unknown command'],
    [
      'wrong type error',
      error('WRONGTYPE Operation against a key holding the wrong kind of value'),
      '(error) WRONGTYPE Operation against a key holding the wrong kind of value',
    ],
    ['integer', int(42), '(integer) 42'],
    ['negative integer', int(-1), '(integer) -1'],
    ['64-bit integer', int('-9223372036854775808'), '(integer) -9223372036854775808'],
    ['nil', nil, '(nil)'],
    ['bulk', bulk('OK'), '"OK"'],
    ['empty bulk', bulk(''), '""'],
    ['bulk with spaces', bulk('a b'), '"a b"'],
    ['bulk with escapes', bulk('tab\there\n"q"\\'), String.raw`"tab\there\n\"q\"\\"`],
    ['binary bulk', bulk(Uint8Array.of(0x61, 0x00, 0xff, 0x07, 0x08, 0x7f, 0x1b)), String.raw`"a\x00\xff\a\b\x7f\x1b"`],
    ['unicode bulk', bulk('é'), String.raw`"\xc3\xa9"`],
    ['empty array', array(), '(empty array)'],
    ['flat array', array(bulk('a'), bulk('b')), lines('1) "a"', '2) "b"')],
    ['array of every kind', array(status('S'), error('E'), int(1), nil, bulk('x')), lines('1) S', '2) (error) E', '3) (integer) 1', '4) (nil)', '5) "x"')],
    [
      'nested arrays',
      array(int(1), array(int(2), array(int(3), bulk('x'))), error('E'), status('S'), array()),
      lines('1) (integer) 1', '2) 1) (integer) 2', '   2) 1) (integer) 3', '      2) "x"', '3) (error) E', '4) S', '5) (empty array)'),
    ],
    ['array holding only an empty array', array(array()), '1) (empty array)'],
    ['empty arrays inside arrays', array(array(), int(1), array()), lines('1) (empty array)', '2) (integer) 1', '3) (empty array)')],
    ['empty arrays nested deeper', array(array(), array(array())), lines('1) (empty array)', '2) 1) (empty array)')],
    ['ten elements pad the index', array(...integers(10)), lines(...integers(10).map((_, i) => `${i < 9 ? ' ' : ''}${i + 1}) (integer) ${i + 1}`))],
    [
      'eleven elements with a nested last one',
      array(...integers(10), array(array(int(1), int(2)), bulk('z'))),
      lines(
        ' 1) (integer) 1',
        ' 2) (integer) 2',
        ' 3) (integer) 3',
        ' 4) (integer) 4',
        ' 5) (integer) 5',
        ' 6) (integer) 6',
        ' 7) (integer) 7',
        ' 8) (integer) 8',
        ' 9) (integer) 9',
        '10) (integer) 10',
        '11) 1) 1) (integer) 1',
        '       2) (integer) 2',
        '    2) "z"',
      ),
    ],
    [
      'padded array nested in a short one',
      array(int(1), array(...integers(10))),
      lines(
        '1) (integer) 1',
        '2)  1) (integer) 1',
        '    2) (integer) 2',
        '    3) (integer) 3',
        '    4) (integer) 4',
        '    5) (integer) 5',
        '    6) (integer) 6',
        '    7) (integer) 7',
        '    8) (integer) 8',
        '    9) (integer) 9',
        '   10) (integer) 10',
      ),
    ],
    [
      'padded array two levels down',
      array(int(1), array(array(...integers(10)))),
      lines(
        '1) (integer) 1',
        '2) 1)  1) (integer) 1',
        '       2) (integer) 2',
        '       3) (integer) 3',
        '       4) (integer) 4',
        '       5) (integer) 5',
        '       6) (integer) 6',
        '       7) (integer) 7',
        '       8) (integer) 8',
        '       9) (integer) 9',
        '      10) (integer) 10',
      ),
    ],
  ])('%s', (_name, reply, expected) => {
    expect(formatReply(reply)).toBe(expected);
  });

  it('pads to three digits from 100 elements', () => {
    const printed = formatReply(array(...integers(100))).split('\n');
    expect(printed).toHaveLength(100);
    expect(printed[0]).toBe('  1) (integer) 1');
    expect(printed[8]).toBe('  9) (integer) 9');
    expect(printed[9]).toBe(' 10) (integer) 10');
    expect(printed[98]).toBe(' 99) (integer) 99');
    expect(printed[99]).toBe('100) (integer) 100');
  });

  it('indents elements nested under a three-digit index by five spaces', () => {
    const printed = formatReply(array(...integers(99), array(bulk('a'), bulk('b')))).split('\n');
    expect(printed.slice(-2)).toEqual(['100) 1) "a"', '     2) "b"']);
  });
});

describe('INVALID_ARGUMENTS', () => {
  it('is what redis-cli prints for a line it cannot split', () => {
    expect(INVALID_ARGUMENTS).toBe('Invalid argument(s)');
  });
});
