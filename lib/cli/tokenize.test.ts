import { describe, expect, it } from 'vitest';
import { splitArgs, splitArgsText } from './tokenize';

/** An expected argument: text stands for its UTF-8 bytes, a number array for raw bytes. */
type Arg = string | number[];

const toBytes = (arg: Arg): Uint8Array => (typeof arg === 'string' ? new TextEncoder().encode(arg) : Uint8Array.from(arg));

// Expectations were taken from redis-cli 7.0.15, fed each line as `EVAL "return ARGV" 0 <line>`.
const cases: [name: string, line: string, expected: Arg[] | null][] = [
  ['empty line', '', []],
  ['only blanks', ' \t\r\n', []],
  ['single word', 'PING', ['PING']],
  ['words split on spaces', 'SET key value', ['SET', 'key', 'value']],
  ['leading, trailing and repeated blanks', '  lead   trail   ', ['lead', 'trail']],
  ['tabs separate', 'a\tb\t"c d"\t', ['a', 'b', 'c d']],
  ['CR LF ending', 'x\r\n', ['x']],
  ['vertical tab and form feed are skipped between arguments', '\vz \fy', ['z', 'y']],
  ['vertical tab does not end a bare argument', 'a\vb c', ['a\vb', 'c']],
  ['form feed does not end a bare argument', 'a\fb', ['a\fb']],
  ['vertical tab may follow a closing quote', '"a"\vb', ['a', 'b']],
  ['form feed may follow a closing quote', '"a"\fb', ['a', 'b']],
  ['tab may follow a closing quote', '"x"\tq', ['x', 'q']],
  ['NUL ends the line, as in a C string', 'a\0b c', ['a']],
  ['NUL inside quotes leaves them unterminated', '"a\0b" c', null],

  ['double-quoted spaces', '"a b"', ['a b']],
  ['empty double quotes', '""', ['']],
  ['empty single quotes', "''", ['']],
  ['two empty arguments', `"" ''`, ['', '']],
  ['adjacent quoted arguments', '"a" "b"', ['a', 'b']],
  ['quote opening mid-argument', 'foo"bar baz"', ['foobar baz']],
  ['single quote opening mid-argument', "a'b c'", ['ab c']],
  ['escape \\n', '"\\n"', ['\n']],
  ['escape \\r', '"\\r"', ['\r']],
  ['escape \\t', '"\\t"', ['\t']],
  ['escape \\b', '"\\b"', ['\b']],
  ['escape \\a', '"\\a"', [[0x07]]],
  ['all named escapes', '"\\a\\b\\n\\r\\t"', [[0x07, 0x08, 0x0a, 0x0d, 0x09]]],
  ['escaped backslash', '"a\\\\b"', ['a\\b']],
  ['escaped double quote', '"a\\"b"', ['a"b']],
  ['other escapes stand for the character', '"\\q"', ['q']],
  ['escaped multi-byte character', '"\\é"', ['é']],
  ['single quote inside double quotes', `"a'b"`, ["a'b"]],
  ['\\xHH gives a raw byte', '"\\xff\\x00"', [[0xff, 0x00]]],
  ['\\xHH with mixed case', '"\\xAb"', [[0xab]]],
  ['\\xHH between text', '"a\\x41b"', ['aAb']],
  ['\\x without digits is a plain x', '"\\x"', ['x']],
  ['\\x with one digit is a plain x', '"\\x0"', ['x0']],
  ['\\x with one digit then text', '"\\x4g"', ['x4g']],
  ['\\x with invalid hex', '"\\xZZ"', ['xZZ']],
  ['\\X is not a hex escape', '"\\X41"', ['X41']],

  ['single quotes keep backslashes', "'a\\nb'", ['a\\nb']],
  ['double quote inside single quotes', `'a"b'`, ['a"b']],
  ["\\' inside single quotes", "'it\\'s'", ["it's"]],
  ['bare backslashes are literal', 'a\\b\\x41', ['a\\b\\x41']],
  ['bare backslash before a quote', '\\"a"', ['\\a']],

  ['closing double quote followed by text', '"a"b', null],
  ['closing single quote followed by text', "a'b c'd", null],
  ['double then single quote', `"a"'b'`, null],
  ['unterminated double quote', '"abc', null],
  ['unterminated single quote', "'abc", null],
  ['trailing backslash in double quotes', '"abc\\', null],
  ['escaped closing double quote', '"a\\"', null],
  ['escaped closing single quote', "'x\\'", null],
  ["'\\\\' escapes the closing quote", "'\\\\'", null],
  ['a later bad argument fails the whole line', 'SET k "v', null],

  ['unicode outside quotes', 'SET 键 é', ['SET', '键', 'é']],
  ['unicode inside quotes', '"héllo wörld"', ['héllo wörld']],
  ['emoji', '"🙂"', [[0xf0, 0x9f, 0x99, 0x82]]],
  ['no-break space is not a separator', 'a\u00a0b', [[0x61, 0xc2, 0xa0, 0x62]]],
];

describe('splitArgs', () => {
  it.each(cases)('%s', (_name, line, expected) => {
    expect(splitArgs(line)).toEqual(expected === null ? null : expected.map(toBytes));
  });
});

describe('splitArgsText', () => {
  it.each([
    ['SET k "a b"', ['SET', 'k', 'a b']],
    ['"\\xef\\xbb\\xbfa"', ['\ufeffa']],
    ['"\\xff"', ['\ufffd']],
    ['"a"b', null],
  ] as const)('%j', (line, expected) => {
    expect(splitArgsText(line)).toEqual(expected);
  });
});
