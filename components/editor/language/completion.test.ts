import { describe, expect, it } from 'vitest';
import { getCompletions } from './completion';
import { EMPTY_INDEX } from './commandIndex';
import { TEST_INDEX } from './testCommands';

const labels = (beforeCursor: string) => getCompletions(TEST_INDEX, beforeCursor).map((s) => s.label);

describe('getCompletions', () => {
  const cases: [name: string, beforeCursor: string, expected: string[]][] = [
    ['commands at the start of a line, refused ones left out', '', ['DEL', 'GET', 'GETDEL', 'JSON.GET', 'OBJECT ENCODING', 'OBJECT FREQ', 'SET', 'ZADD']],
    ['subcommands after a container', 'OBJECT ', ['ENCODING', 'FREQ']],
    ['no options before the required arguments', 'SET k ', []],
    ['options once key and value are typed', 'SET k v ', ['NX', 'XX', 'GET', 'EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL']],
    ['options already used are not offered again', 'SET k v nx PX 100 ', ['XX', 'GET', 'EX', 'EXAT', 'PXAT', 'KEEPTTL']],
    ['options right after the key when they come first in the syntax', 'ZADD z ', ['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']],
    ['nothing for a command without options', 'GET k ', []],
    ['nothing for an unknown command', 'NOPE a b ', []],
    ['nothing in a comment', '# S', []],
    ['nothing inside a string', 'SET k v "N', []],
  ];
  it.each(cases)('%s', (_name, beforeCursor, expected) => expect(labels(beforeCursor)).toEqual(expected));

  it('describes a command with its syntax and summary', () => {
    const set = getCompletions(TEST_INDEX, 'S').find((s) => s.label === 'SET');
    expect(set).toMatchObject({
      kind: 'command',
      insertText: 'SET',
      detail: expect.stringMatching(/^SET key value \[NX \| XX\]/),
      documentation: expect.stringContaining('Sets the string value of a key'),
    });
  });

  it('explains an option with the part of the syntax it belongs to', () => {
    const px = getCompletions(TEST_INDEX, 'SET k v ').find((s) => s.label === 'PX');
    expect(px).toMatchObject({
      kind: 'option',
      detail: 'SET option',
      documentation: '[EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    });
  });

  it('offers nothing before the metadata arrives', () => {
    expect(getCompletions(EMPTY_INDEX, '')).toEqual([]);
  });
});
