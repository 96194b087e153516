import { isError, lastOf, setOptions, type ParsedCommand } from './log';

/** `cache-data`, `cache:Data` or `cache_data` for `cache:data`: the same name to a reader, not to Redis. */
export function looksLike(typed: string, key: string): boolean {
  const normal = (s: string) => s.toLowerCase().replace(/[-_./ ]/g, ':');
  return typed !== key && normal(typed) === normal(key);
}

/** SETs on `key` or on a near-miss spelling of it, oldest first. */
export function setsNear(commands: ParsedCommand[], key: string): ParsedCommand[] {
  return commands.filter((c) => c.name === 'SET' && c.args[0] !== undefined && (c.args[0] === key || looksLike(c.args[0], key)));
}

export function wrongKeyHint(typed: string, key: string): string {
  return `Redis key names are exact: you used \`${typed}\`, but this step is about \`${key}\` (lower case, with a colon).`;
}

const SET_FLAGS = new Set(['NX', 'XX', 'GET', 'KEEPTTL', 'EX', 'PX', 'EXAT', 'PXAT']);

/**
 * `SET cache:data initial value` sends `initial` and `value` as two arguments; Redis reads `value`
 * as an option it does not know and answers a syntax error.
 */
export function unquotedValueHint(c: ParsedCommand, expected: string): string | undefined {
  if (!isError(c) || c.args.length < 3) return undefined;
  const extra = c.args.slice(2);
  if (extra.every((a) => SET_FLAGS.has(a.toUpperCase()) || /^\d+$/.test(a))) return undefined;
  return `Without quotes, \`${c.args.slice(1).join(' ')}\` is ${c.args.length - 1} arguments, so Redis read \`${extra[0]}\` as an option and answered a syntax error. Quote the value: \`SET ${c.args[0]} "${expected}"\`.`;
}

/** The specific advice for the latest attempt at `SET key value NX PX ms`, or undefined if it was right. */
export function lockAttemptHint(c: ParsedCommand, key: string, ttlMs: number): string | undefined {
  const name = c.args[0]!;
  if (name !== key) return wrongKeyHint(name, key);
  const options = setOptions(c);
  const missingNx = !options.includes('NX');
  const nx = missingNx ? ' Add `NX` as well: without it the SET simply overwrites a lock that someone else holds.' : '';
  const exIndex = options.indexOf('EX');
  if (exIndex >= 0) {
    const seconds = options[exIndex + 1] ?? '';
    return `\`EX ${seconds}\` counts in seconds; this step takes the lock with a millisecond expiry, \`PX ${ttlMs}\`.${nx}`;
  }
  const pxIndex = options.indexOf('PX');
  if (pxIndex < 0) {
    return `This lock has no expiry: if its holder crashes, nobody can ever take it again. Add \`PX ${ttlMs}\` so it frees itself after ${ttlMs / 1000} seconds.${nx}`;
  }
  if (missingNx) return `Without \`NX\` the SET overwrites a lock that someone else holds, so two clients would regenerate at once. Add \`NX\`: \`SET ${key} ... NX PX ${ttlMs}\`.`;
  if (options[pxIndex + 1] !== String(ttlMs)) return `\`PX\` counts milliseconds: ${ttlMs / 1000} seconds is \`PX ${ttlMs}\`.`;
  return undefined;
}

/** The latest SET near `key` that has options, i.e. a lock attempt rather than a plain write. */
export function lastLockAttempt(commands: ParsedCommand[], key: string): ParsedCommand | undefined {
  return lastOf(setsNear(commands, key).filter((c) => c.args.length > 2));
}
