import { isError, lastOf, setOptions, type ParsedCommand } from './log';

const normal = (s: string) => s.toLowerCase().replace(/[-_./ ]/g, ':');

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, giving up past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * `cache-data`, `cache:Data`, `cache:dta` or `job:results` for `cache:data` and `job:result`: the
 * same name to a reader, not to Redis. A typo is at most one edit in a short name, two in a longer one.
 */
export function looksLike(typed: string, key: string): boolean {
  if (typed === key) return false;
  if (normal(typed) === normal(key)) return true;
  return editDistance(normal(typed), normal(key), 2) <= (key.length > 8 ? 2 : 1);
}

/** SETs on `key` or on a near-miss spelling of it, oldest first. */
export function setsNear(commands: ParsedCommand[], key: string): ParsedCommand[] {
  return commands.filter((c) => c.name === 'SET' && c.args[0] !== undefined && (c.args[0] === key || looksLike(c.args[0], key)));
}

export function wrongKeyHint(typed: string, key: string): string {
  const spelling = normal(typed) === normal(key) ? ' (lower case, with a colon)' : '';
  return `Redis key names are exact: you wrote \`${typed}\`; this step is about \`${key}\`${spelling}.`;
}

/** The step's key that `typed` is a near-miss of, the closest one where two are near (`produt:3` is `product:3`). */
function nearestKey(typed: string, keys: string[]): string | undefined {
  // A key of the step spelled right is never a typo of its sibling (`product:1` of `product:2`).
  if (keys.includes(typed)) return undefined;
  const near = keys.filter((k) => looksLike(typed, k));
  return near.sort((a, b) => editDistance(normal(typed), normal(a), 2) - editDistance(normal(typed), normal(b), 2))[0];
}

/**
 * The latest near-miss of this step's keys, named, or undefined when there is none left. A typo is
 * corrected once the learner runs the same command with the key spelled right (`SET cache:dta` then
 * `SET cache:data`), and is not brought up again; another command on the right key (`TTL product:3`
 * after `SET produt:3`) corrects nothing, and neither does a right key beside the typo on its line.
 */
export function latestNearMiss(keys: string[], commands: ParsedCommand[]): string | undefined {
  const spelledRight = new Set<string>();
  for (const c of [...commands].reverse()) {
    for (const arg of c.args) {
      const key = nearestKey(arg, keys);
      if (key && !spelledRight.has(`${c.name} ${key}`)) return wrongKeyHint(arg, key);
    }
    for (const arg of c.args) if (keys.includes(arg)) spelledRight.add(`${c.name} ${arg}`);
  }
  return undefined;
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
  if (missingNx)
    return `Without \`NX\` the SET overwrites a lock that someone else holds, so two clients would regenerate at once. Add \`NX\`: \`SET ${key} ... NX PX ${ttlMs}\`.`;
  if (options[pxIndex + 1] !== String(ttlMs)) return `\`PX\` counts milliseconds: ${ttlMs / 1000} seconds is \`PX ${ttlMs}\`.`;
  return undefined;
}

/** The latest SET near `key` that has options, i.e. a lock attempt rather than a plain write. */
export function lastLockAttempt(commands: ParsedCommand[], key: string): ParsedCommand | undefined {
  return lastOf(setsNear(commands, key).filter((c) => c.args.length > 2));
}

/**
 * Lesson help for what EVAL answers when its words come apart. `Invalid argument(s)` is redis-cli's
 * own refusal of unbalanced quotes, before anything reaches Redis.
 */
export function evalErrorHint(reply: string): string {
  if (reply.includes('value is not an integer or out of range')) {
    return `EVAL answered \`${reply}\`: the word right after the script must be numkeys, a number. When it is not, the script was split into several words: wrap the whole script in double quotes, and use single quotes for the strings inside it.`;
  }
  if (reply.includes('Invalid argument')) {
    return `\`${reply}\`: a quote is not closed, or a closing quote is followed by something other than a space. The script is one double-quoted argument; strings inside it take single quotes.`;
  }
  if (reply.includes("can't be greater than number of args"))
    return `\`${reply}\`: numkeys counts the key names after it, and there are fewer words than that. Count the keys again.`;
  if (reply.includes('Error compiling script') || reply.includes('user_script'))
    return `Redis could not run the script: \`${reply}\`. Compare it with the step's script, character by character.`;
  return `The script answered \`${reply}\`.`;
}
