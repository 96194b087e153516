import { describe, expect, it } from 'vitest';
import { splitScript } from './script';

describe('splitScript', () => {
  it.each<[string, string, { line: number; command: string }[]]>([
    ['empty script', '', []],
    ['one command', 'PING', [{ line: 1, command: 'PING' }]],
    [
      'one command per line',
      'SET k v\nGET k',
      [
        { line: 1, command: 'SET k v' },
        { line: 2, command: 'GET k' },
      ],
    ],
    ['trailing newline', 'PING\n', [{ line: 1, command: 'PING' }]],
    [
      'CRLF line endings',
      'SET k v\r\nGET k\r\n',
      [
        { line: 1, command: 'SET k v' },
        { line: 2, command: 'GET k' },
      ],
    ],
    ['only the last CR is stripped', 'ECHO a\r\r\n', [{ line: 1, command: 'ECHO a\r' }]],
    [
      'blank lines are skipped but counted',
      '\nPING\n\n  \t\nECHO hi',
      [
        { line: 2, command: 'PING' },
        { line: 5, command: 'ECHO hi' },
      ],
    ],
    ['# comments', '# warm the cache\nSET k v', [{ line: 2, command: 'SET k v' }]],
    ['// comments', '// warm the cache\nSET k v', [{ line: 2, command: 'SET k v' }]],
    ['indented comments', '  # a\n\t// b\nPING', [{ line: 3, command: 'PING' }]],
    ['a single slash is not a comment', '/ PING', [{ line: 1, command: '/ PING' }]],
    ['# inside a command is kept', 'SET k #v', [{ line: 1, command: 'SET k #v' }]],
    ['command keeps its indentation', '  GET k  ', [{ line: 1, command: '  GET k  ' }]],
    ['quoted newlines stay escaped on one line', 'SET k "a\\nb"', [{ line: 1, command: 'SET k "a\\nb"' }]],
    ['unicode', 'SET 键 é', [{ line: 1, command: 'SET 键 é' }]],
    // redis-cli only skips ASCII blanks, so it would send this line as a command.
    ['a no-break space is not blank', '\u00a0', [{ line: 1, command: '\u00a0' }]],
  ])('%s', (_name, script, expected) => {
    expect(splitScript(script)).toEqual(expected);
  });
});
