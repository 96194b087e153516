import { describe, expect, it } from 'vitest';
import { getHover } from './hover';
import { TEST_INDEX } from './testCommands';

describe('getHover', () => {
  const cases: [name: string, line: string, column: number, expected: { startColumn: number; endColumn: number; first: string } | null][] = [
    ['on the command', 'SET k v', 2, { startColumn: 1, endColumn: 4, first: '**SET** · string' }],
    ['at the end of the command word', 'SET k v', 4, { startColumn: 1, endColumn: 4, first: '**SET** · string' }],
    ['on a two-word command', 'OBJECT ENCODING k', 10, { startColumn: 1, endColumn: 16, first: '**OBJECT ENCODING** · generic' }],
    ['on an option', 'SET k v px 100', 9, { startColumn: 9, endColumn: 11, first: '**PX** · option of SET' }],
    ['on a key', 'SET k v', 5, null],
    ['on an option word inside quotes', 'SET k "NX"', 9, null],
    ['on an unknown command', 'NOPE', 2, null],
    ['in a comment', '# SET', 3, null],
    ['on blank space', '   ', 2, null],
  ];
  it.each(cases)('%s', (_name, line, column, expected) => {
    const hover = getHover(TEST_INDEX, line, column);
    expect(hover && { startColumn: hover.startColumn, endColumn: hover.endColumn, first: hover.contents[0] }).toEqual(expected);
  });

  it('says when the playground refuses a command', () => {
    expect(getHover(TEST_INDEX, 'FLUSHALL', 3)?.contents).toContain('_This playground does not run this command._');
  });
});
