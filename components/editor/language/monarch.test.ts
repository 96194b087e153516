import type { languages } from 'monaco-editor/editor';
import { describe, expect, it } from 'vitest';
import { buildCommandIndex } from './commandIndex';
import { buildMonarchLanguage } from './monarch';
import { TEST_INDEX } from './testCommands';

type Action = string | { cases: Record<string, string> } | Action[];

/**
 * Just enough of Monarch to run our one-state grammar: rules tried in order at each position,
 * `^` rules only at column 0, `@name` cases against the language's word lists.
 */
function tokenize(language: languages.IMonarchLanguage, line: string): [string, string][] {
  const rules = language.tokenizer.root as [RegExp, Action][];
  const flags = language.ignoreCase ? 'i' : '';
  const pick = (action: Action, text: string): string => {
    if (typeof action === 'string') return action;
    if (Array.isArray(action)) throw new Error('nested groups are not used');
    for (const [guard, token] of Object.entries(action.cases)) {
      const list = (language as Record<string, unknown>)[guard.slice(1)];
      if (guard === '@default' || (Array.isArray(list) && list.some((w) => String(w).toLowerCase() === text.toLowerCase()))) return token;
    }
    throw new Error(`no case for ${text}`);
  };
  const out: [string, string][] = [];
  for (let pos = 0; pos < line.length;) {
    const rest = line.slice(pos);
    const hit = rules.find(([re]) => (!re.source.startsWith('^') || pos === 0) && new RegExp(`^(?:${re.source.replace(/^\^/, '')})`, flags).test(rest));
    if (!hit) throw new Error(`no rule at ${pos} in ${line}`);
    const [re, action] = hit;
    const match = new RegExp(`^(?:${re.source.replace(/^\^/, '')})`, flags).exec(rest)!;
    if (Array.isArray(action)) match.slice(1).forEach((g, i) => g && out.push([g, pick(action[i]!, g) + '.redis']));
    else out.push([match[0], pick(action, match[0]) + '.redis']);
    pos += match[0].length;
  }
  return out.filter(([, token]) => token !== 'white.redis');
}

const withMeta = buildMonarchLanguage(TEST_INDEX);
const plain = buildMonarchLanguage();

describe('buildMonarchLanguage with command metadata', () => {
  const cases: [name: string, line: string, expected: [string, string][]][] = [
    [
      'command and arguments',
      'GET cache:data',
      [
        ['GET', 'keyword.redis'],
        ['cache:data', 'identifier.redis'],
      ],
    ],
    [
      'command names ignore case',
      'get k',
      [
        ['get', 'keyword.redis'],
        ['k', 'identifier.redis'],
      ],
    ],
    [
      'leading blanks before the command',
      '  DEL k',
      [
        ['DEL', 'keyword.redis'],
        ['k', 'identifier.redis'],
      ],
    ],
    [
      'longest name wins: GETDEL is not GET',
      'GETDEL k',
      [
        ['GETDEL', 'keyword.redis'],
        ['k', 'identifier.redis'],
      ],
    ],
    [
      'unknown first word',
      'SETX k',
      [
        ['SETX', 'identifier.redis'],
        ['k', 'identifier.redis'],
      ],
    ],
    [
      'two-word command',
      'OBJECT ENCODING k',
      [
        ['OBJECT ENCODING', 'keyword.redis'],
        ['k', 'identifier.redis'],
      ],
    ],
    [
      'dotted module command',
      'JSON.GET doc',
      [
        ['JSON.GET', 'keyword.redis'],
        ['doc', 'identifier.redis'],
      ],
    ],
    ['refused command', 'FLUSHALL', [['FLUSHALL', 'keyword.refused.redis']]],
    [
      'refused two-word command',
      'CONFIG SET x y',
      [
        ['CONFIG SET', 'keyword.refused.redis'],
        ['x', 'identifier.redis'],
        ['y', 'identifier.redis'],
      ],
    ],
    [
      'a command word later on the line is an argument',
      'GET GETDEL',
      [
        ['GET', 'keyword.redis'],
        ['GETDEL', 'identifier.redis'],
      ],
    ],
    [
      'lesson line with string, options and number',
      'SET cache:lock "locked" NX PX 30000',
      [
        ['SET', 'keyword.redis'],
        ['cache:lock', 'identifier.redis'],
        ['"locked"', 'string.redis'],
        ['NX', 'keyword.option.redis'],
        ['PX', 'keyword.option.redis'],
        ['30000', 'number.redis'],
      ],
    ],
    [
      'options ignore case',
      'SET k v nx',
      [
        ['SET', 'keyword.redis'],
        ['k', 'identifier.redis'],
        ['v', 'identifier.redis'],
        ['nx', 'keyword.option.redis'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, line, expected) => expect(tokenize(withMeta, line)).toEqual(expected));
});

describe('buildMonarchLanguage before metadata arrives', () => {
  const cases: [name: string, line: string, expected: [string, string][]][] = [
    ['hash comment', '# Prevent a cache stampede', [['# Prevent a cache stampede', 'comment.redis']]],
    ['slash comment after blanks', '  // note', [['  // note', 'comment.redis']]],
    [
      '# mid-line is an argument, not a comment',
      'SET k #1',
      [
        ['SET', 'identifier.redis'],
        ['k', 'identifier.redis'],
        ['#1', 'identifier.redis'],
      ],
    ],
    [
      'double-quoted string with escapes',
      'x "a \\"b\\" \\x41"',
      [
        ['x', 'identifier.redis'],
        ['"a \\"b\\" \\x41"', 'string.redis'],
      ],
    ],
    [
      'single-quoted string with escaped quote',
      "x 'it\\'s'",
      [
        ['x', 'identifier.redis'],
        ["'it\\'s'", 'string.redis'],
      ],
    ],
    [
      'quote opening mid-word',
      'x foo"bar baz"',
      [
        ['x', 'identifier.redis'],
        ['foo"bar baz"', 'string.redis'],
      ],
    ],
    [
      'empty strings',
      `x "" ''`,
      [
        ['x', 'identifier.redis'],
        ['""', 'string.redis'],
        ["''", 'string.redis'],
      ],
    ],
    [
      'unterminated quote marks the rest invalid',
      'SET k "abc',
      [
        ['SET', 'identifier.redis'],
        ['k', 'identifier.redis'],
        ['"abc', 'string.invalid.redis'],
      ],
    ],
    [
      'text right after a closing quote is invalid',
      'SET "a"b c',
      [
        ['SET', 'identifier.redis'],
        ['"a"b c', 'string.invalid.redis'],
      ],
    ],
    [
      'single quotes: a backslash before the closing quote escapes it',
      "x 'a\\'",
      [
        ['x', 'identifier.redis'],
        ["'a\\'", 'string.invalid.redis'],
      ],
    ],
    [
      'integers and decimals',
      'x 10 -3 1.5',
      [
        ['x', 'identifier.redis'],
        ['10', 'number.redis'],
        ['-3', 'number.redis'],
        ['1.5', 'number.redis'],
      ],
    ],
    [
      'digits inside a key are not a number',
      'x user:42',
      [
        ['x', 'identifier.redis'],
        ['user:42', 'identifier.redis'],
      ],
    ],
    [
      'no command names yet',
      'SET k v',
      [
        ['SET', 'identifier.redis'],
        ['k', 'identifier.redis'],
        ['v', 'identifier.redis'],
      ],
    ],
  ];
  it.each(cases)('%s', (_name, line, expected) => expect(tokenize(plain, line)).toEqual(expected));
});

describe('buildMonarchLanguage safety', () => {
  it('escapes names that contain regex characters', () => {
    const language = buildMonarchLanguage(buildCommandIndex([{ name: 'A+B', summary: '', syntax: 'A+B', group: '', allowed: true, tokens: [] }]));
    expect(tokenize(language, 'A+B x')).toEqual([
      ['A+B', 'keyword.redis'],
      ['x', 'identifier.redis'],
    ]);
    expect(tokenize(language, 'AAB x')[0]).toEqual(['AAB', 'identifier.redis']);
  });
});
