import { splitArgsText } from '@/lib/cli/tokenize';
import type { KeyState, LessonCommand, LessonSnapshot } from '../types';

/** A logged command split the way redis-cli splits it, with its place in the log. */
export interface ParsedCommand {
  index: number;
  /** Upper-cased command name, e.g. `SET`. */
  name: string;
  /** The arguments after the name, as typed (case kept). */
  args: string[];
  text: string;
  ok: boolean;
}

export function parseLog(log: LessonCommand[]): ParsedCommand[] {
  return log.flatMap((entry, index) => {
    const words = splitArgsText(entry.command);
    if (!words || words.length === 0) return [];
    const [name, ...args] = words;
    return [{ index, name: name!.toUpperCase(), args, text: entry.text, ok: entry.ok }];
  });
}

export const isError = (c: ParsedCommand) => c.text.startsWith('(error)');
export const isNil = (c: ParsedCommand) => c.text === '(nil)';

/** The upper-cased words after `SET key value`, e.g. `['NX', 'PX', '30000']`. */
export function setOptions(c: ParsedCommand): string[] {
  return c.args.slice(2).map((a) => a.toUpperCase());
}

/** The number following `option` in a SET's options, or undefined. */
function optionValue(options: string[], option: string): number | undefined {
  const i = options.indexOf(option);
  if (i < 0 || i + 1 >= options.length) return undefined;
  const n = Number(options[i + 1]);
  return Number.isFinite(n) ? n : undefined;
}

/** The TTL a SET asked for, in ms, or undefined when it set none. */
export function setTtlMs(c: ParsedCommand): number | undefined {
  const options = setOptions(c);
  const px = optionValue(options, 'PX');
  if (px !== undefined) return px;
  const ex = optionValue(options, 'EX');
  return ex === undefined ? undefined : ex * 1000;
}

/** Every command named `name` whose first argument is `key` (exact, as Redis compares keys). */
export function commandsOn(commands: ParsedCommand[], name: string, key: string): ParsedCommand[] {
  return commands.filter((c) => c.name === name && c.args[0] === key);
}

export function lastOf<T>(items: T[]): T | undefined {
  return items[items.length - 1];
}

/** EVAL calls whose script contains every fragment, with the keys and arguments after it. */
export function evalCalls(commands: ParsedCommand[], ...fragments: string[]): (ParsedCommand & { keys: string[]; argv: string[] })[] {
  return commands.flatMap((c) => {
    if (c.name !== 'EVAL' || c.args.length < 2) return [];
    const [script, numkeys, ...rest] = c.args as [string, string, ...string[]];
    if (!fragments.every((f) => script.includes(f))) return [];
    const n = Number(numkeys);
    if (!Number.isInteger(n) || n < 0) return [];
    return [{ ...c, keys: rest.slice(0, n), argv: rest.slice(n) }];
  });
}

export function stringValue(snapshot: LessonSnapshot, key: string): string | undefined {
  const state = snapshot.keys[key];
  return state?.type === 'string' ? state.value : undefined;
}

export function hashFields(snapshot: LessonSnapshot, key: string): Record<string, string> | undefined {
  const state: KeyState | undefined = snapshot.keys[key];
  return state?.type === 'hash' ? state.fields : undefined;
}

/** An integer reply's value, e.g. 3 for `(integer) 3`. */
export function integerReply(c: ParsedCommand): number | undefined {
  const match = /^\(integer\) (-?\d+)$/.exec(c.text);
  return match ? Number(match[1]) : undefined;
}

const done = { done: true } as const;
export const passed = () => done;
export const notYet = (hint: string) => ({ done: false, hint });
