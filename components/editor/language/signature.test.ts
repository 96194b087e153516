import { describe, expect, it } from 'vitest';
import { getSignatureHelp } from './signature';
import { TEST_INDEX } from './testCommands';

/** The text of the highlighted parameter, or null when none is. */
function active(beforeCursor: string): string | null | undefined {
  const help = getSignatureHelp(TEST_INDEX, beforeCursor);
  if (!help) return undefined;
  const range = help.parameters[help.activeParameter];
  return range ? help.label.slice(...range) : null;
}

describe('getSignatureHelp', () => {
  const cases: [name: string, beforeCursor: string, expected: string | null | undefined][] = [
    ['no help while typing the command', 'SE', undefined],
    ['no help for unknown commands', 'NOPE ', undefined],
    ['no help in a comment', '# SET ', undefined],
    ['key', 'SET ', 'key'],
    ['value', 'SET k ', 'value'],
    ['an option word selects its group', 'SET k v NX', '[NX | XX]'],
    [
      'the value after an option stays in its group',
      'SET k v PX ',
      '[EX seconds | PX milliseconds | EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]',
    ],
    ['options ignore case', 'SET k v get', '[GET]'],
    ['between options nothing is highlighted', 'SET k v NX 10 ', null],
    ['repeated keys keep the repeat highlighted', 'DEL a b ', '[key ...]'],
    ['two-word commands', 'OBJECT ENCODING ', 'key'],
  ];
  it.each(cases)('%s', (_name, beforeCursor, expected) => expect(active(beforeCursor)).toBe(expected));

  it('shows the whole syntax with the summary', () => {
    expect(getSignatureHelp(TEST_INDEX, 'GET ')).toEqual({
      label: 'GET key',
      documentation: 'Returns the string value of a key.',
      parameters: [[4, 7]],
      activeParameter: 0,
    });
  });
});
