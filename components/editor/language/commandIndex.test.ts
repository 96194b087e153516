import { describe, expect, it } from 'vitest';
import { readLine, splitWords, type LineContext } from './commandIndex';
import { TEST_INDEX } from './testCommands';

describe('splitWords', () => {
  const cases: [name: string, text: string, words: string[], partial: string, inQuotes: boolean][] = [
    ['empty', '', [], '', false],
    ['finished words', 'SET k ', ['SET', 'k'], '', false],
    ['unfinished last word', 'SET k v', ['SET', 'k'], 'v', false],
    ['quoted word with a space', 'SET "a b" ', ['SET', 'a b'], '', false],
    ['quote opening mid-word', 'x foo"bar baz" ', ['x', 'foobar baz'], '', false],
    ['escaped double quote', 'x "a\\"b" ', ['x', 'a"b'], '', false],
    ['single quotes keep other backslashes', "x 'a\\nb' ", ['x', 'a\\nb'], '', false],
    ['open quote', 'SET k "ab', ['SET', 'k'], 'ab', true],
    ['tabs separate words', 'a\tb\t', ['a', 'b'], '', false],
  ];
  it.each(cases)('%s', (_name, text, words, partial, inQuotes) => {
    expect(splitWords(text)).toMatchObject({ words, partial, inQuotes });
  });

  it('reports where each word sits, the unfinished one included', () => {
    expect(splitWords('SET "a b" NX').spans).toEqual([
      { text: 'SET', start: 0, end: 3, quoted: false },
      { text: 'a b', start: 4, end: 9, quoted: true },
      { text: 'NX', start: 10, end: 12, quoted: false },
    ]);
  });
});

describe('readLine', () => {
  const set = TEST_INDEX.byName.get('SET');
  const encoding = TEST_INDEX.byName.get('OBJECT ENCODING');
  const cases: [name: string, beforeCursor: string, expected: LineContext][] = [
    ['empty line', '', { kind: 'command', partial: '' }],
    ['typing the command', '  SE', { kind: 'command', partial: 'SE' }],
    ['comment', '# SET ', { kind: 'none' }],
    ['slash comment', '// x', { kind: 'none' }],
    ['inside a string', 'SET k "va', { kind: 'none' }],
    ['first argument', 'SET ', { kind: 'argument', command: set, args: [], argIndex: 0, partial: '' }],
    ['lower-case command', 'set k v n', { kind: 'argument', command: set, args: ['k', 'v'], argIndex: 2, partial: 'n' }],
    ['after a container', 'OBJECT E', { kind: 'subcommand', container: 'OBJECT', partial: 'E' }],
    ['after a subcommand', 'object encoding ', { kind: 'argument', command: encoding, args: [], argIndex: 0, partial: '' }],
    ['unknown command', 'NOPE a ', { kind: 'argument', command: undefined, args: ['a'], argIndex: 1, partial: '' }],
  ];
  it.each(cases)('%s', (_name, beforeCursor, expected) => expect(readLine(TEST_INDEX, beforeCursor)).toEqual(expected));
});

describe('buildCommandIndex', () => {
  it('groups subcommands under their container and collects option tokens once', () => {
    expect(TEST_INDEX.subcommands.get('OBJECT')).toEqual(['ENCODING', 'FREQ']);
    expect(TEST_INDEX.optionTokens).toContain('NX');
    expect(TEST_INDEX.optionTokens.filter((t) => t === 'NX')).toHaveLength(1);
  });
});
