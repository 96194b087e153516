import type { languages } from 'monaco-editor/editor';
import { EMPTY_INDEX, type CommandIndex } from './commandIndex';

export const LANGUAGE_ID = 'redis-cli';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One alternation of names; longest first so `OBJECT ENCODING` wins over `OBJECT`. */
function namesPattern(names: readonly string[]): string {
  return [...names]
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .map((name) => escapeRegExp(name).replace(/ /g, '\\s+'))
    .join('|');
}

function commandRule(names: readonly string[]): languages.IMonarchLanguageRule[] {
  if (names.length === 0) return [];
  // Leading `^`: Monarch only tries the rule at the start of a line, where redis-cli expects the command.
  const pattern = new RegExp(`^(\\s*)(${namesPattern(names)})(?=\\s|$)`);
  return [[pattern, ['white', { cases: { '@refused': 'keyword.refused', '@default': 'keyword' } }]]];
}

/**
 * Monarch tokenizer for redis-cli input. Every rule is line-local, because redis-cli reads one
 * command per line: an unterminated quote makes that line `Invalid argument(s)`, it never spills
 * into the next. Quoting follows `sdssplitargs` (redis/src/sds.c): a quote may open mid-word, and a
 * closing quote must be followed by a blank.
 */
export function buildMonarchLanguage(index: CommandIndex = EMPTY_INDEX): languages.IMonarchLanguage {
  const commands = [...index.byName.values()];
  return {
    ignoreCase: true,
    defaultToken: '',
    tokenPostfix: '.redis',
    options: [...index.optionTokens],
    refused: commands.filter((c) => !c.allowed).map((c) => c.name),
    tokenizer: {
      root: [
        [/^\s*(?:#|\/\/).*$/, 'comment'],
        ...commandRule(commands.map((c) => c.name)),
        [/[^\s"']*"(?:[^"\\]|\\.)*"(?=\s|$)/, 'string'],
        [/[^\s"']*'(?:[^'\\]|\\'|\\(?!'))*'(?=\s|$)/, 'string'],
        [/[^\s"']*["'].*$/, 'string.invalid'],
        [/[-+]?\d+(?:\.\d+)?(?=\s|$)/, 'number'],
        [/[^\s"']+/, { cases: { '@options': 'keyword.option', '@default': 'identifier' } }],
        [/\s+/, 'white'],
      ],
    },
  };
}

export const languageConfiguration: languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  // Keys such as `cache:data` and tokens such as `JSON.GET` are one word when double-clicked or completed.
  wordPattern: /[^\s"']+/,
  surroundingPairs: [
    { open: '"', close: '"' },
    { open: "'", close: "'" },
  ],
};
