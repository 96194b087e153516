/**
 * Command metadata as `GET /api/meta/commands` sends it (built by the server from `COMMAND DOCS`),
 * indexed for the editor's language features. Everything here is plain data so the language
 * modules can be unit-tested without Monaco.
 */
export interface CommandMeta {
  /** Upper case; subcommands carry their container, e.g. `OBJECT ENCODING`. */
  name: string;
  summary: string;
  /** Starts with the name, e.g. `SET key value [NX | XX] …`. */
  syntax: string;
  group: string;
  /** False for commands the playground refuses to run. */
  allowed: boolean;
  /** The literal option words the syntax accepts, e.g. NX, PX. */
  tokens: string[];
}

export interface CommandIndex {
  /** All commands by upper-case full name. */
  byName: ReadonlyMap<string, CommandMeta>;
  /** Container word → the second words that follow it: OBJECT → [ENCODING, FREQ, …]. */
  subcommands: ReadonlyMap<string, readonly string[]>;
  /** Every option token of every command, upper case. */
  optionTokens: readonly string[];
}

export const EMPTY_INDEX: CommandIndex = { byName: new Map(), subcommands: new Map(), optionTokens: [] };

export function buildCommandIndex(commands: readonly CommandMeta[]): CommandIndex {
  const byName = new Map<string, CommandMeta>();
  const subcommands = new Map<string, string[]>();
  const optionTokens = new Set<string>();
  for (const command of commands) {
    const name = command.name.trim().toUpperCase().replace(/\s+/g, ' ');
    byName.set(name, { ...command, name });
    command.tokens.forEach((token) => optionTokens.add(token.toUpperCase()));
    const [container, sub] = name.split(' ');
    if (container && sub) subcommands.set(container, [...(subcommands.get(container) ?? []), sub]);
  }
  return { byName, subcommands, optionTokens: [...optionTokens].sort() };
}

/** What the text left of the cursor on one line says about where the learner is typing. */
export type LineContext =
  | { kind: 'none' }
  /** Typing the first word. */
  | { kind: 'command'; partial: string }
  /** Typing the second word after a container such as OBJECT. */
  | { kind: 'subcommand'; container: string; partial: string }
  /** Typing an argument; `command` is undefined when the command is unknown. */
  | { kind: 'argument'; command: CommandMeta | undefined; args: string[]; argIndex: number; partial: string };

/** One argument: its unquoted text and where it sits in the line (end is exclusive). */
interface WordSpan {
  text: string;
  start: number;
  end: number;
  quoted: boolean;
}

interface Words {
  words: string[];
  /** The finished words with their offsets. */
  spans: WordSpan[];
  /** The word the cursor is in; empty right after a blank. */
  partial: string;
  inQuotes: boolean;
}

/** Splits like redis-cli does (quotes may open mid-word), tolerating the unfinished last word. */
export function splitWords(text: string): Words {
  const spans: WordSpan[] = [];
  let current = '';
  let inWord = false;
  let start = 0;
  let quoted = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const next = text[i + 1];
    if (quote === '"' && c === '\\' && next !== undefined) {
      current += next;
      i++;
    } else if (quote === "'" && c === '\\' && next === "'") {
      current += next;
      i++;
    } else if (quote) {
      if (c === quote) quote = null;
      else current += c;
    } else if (/\s/.test(c)) {
      if (inWord) spans.push({ text: current, start, end: i, quoted });
      current = '';
      inWord = false;
    } else {
      if (!inWord) [start, quoted] = [i, false];
      if (c === '"' || c === "'") [quote, quoted] = [c, true];
      else current += c;
      inWord = true;
    }
  }
  // The unfinished last word counts as a span too, so hover can find the word under the cursor.
  const all = inWord ? [...spans, { text: current, start, end: text.length, quoted }] : spans;
  return { words: spans.map((s) => s.text), spans: all, partial: current, inQuotes: quote !== null };
}

export const isCommentLine = (line: string): boolean => /^\s*(#|\/\/)/.test(line);

/** The command a line starts with, and how many words its name takes (OBJECT ENCODING takes 2). */
export function resolveCommand(index: CommandIndex, words: readonly string[]): { command?: CommandMeta; length: number } {
  const first = words[0]?.toUpperCase();
  if (first === undefined) return { length: 0 };
  const second = words[1]?.toUpperCase();
  const pair = second === undefined ? undefined : index.byName.get(`${first} ${second}`);
  if (pair) return { command: pair, length: 2 };
  return { command: index.byName.get(first), length: 1 };
}

export function readLine(index: CommandIndex, beforeCursor: string): LineContext {
  if (isCommentLine(beforeCursor)) return { kind: 'none' };
  const { words, partial, inQuotes } = splitWords(beforeCursor);
  if (inQuotes) return { kind: 'none' };
  if (words.length === 0) return { kind: 'command', partial };
  const container = words[0]!.toUpperCase();
  if (words.length === 1 && index.subcommands.has(container)) {
    return { kind: 'subcommand', container, partial };
  }
  const { command, length } = resolveCommand(index, words);
  const args = words.slice(command ? length : 1);
  return { kind: 'argument', command, args, argIndex: args.length, partial };
}
