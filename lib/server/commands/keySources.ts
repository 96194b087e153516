import { keyPositions } from './keyPositions';
import type { CommandMeta } from './metadata';

/**
 * Which arguments of a command are keys, decided from two views that must agree. Our port of
 * Redis's key specs is one; the other is the legacy (first, last, step) triple of `COMMAND INFO` for
 * commands whose keys sit at fixed places, and Redis's own `COMMAND GETKEYS` for commands whose keys
 * move with their arguments (a count, a keyword). Redis 7.0 itself disagrees with its specs in places
 * (GEORADIUS writes to its last STORE, the specs and the ACL see the first), so a line on which the
 * views differ, or whose key extraction is not fully understood, is refused.
 */
export type KeyPlan =
  /** Prefix these positions; `confirm` says which second view must (or did) agree. */
  | { kind: 'keys'; positions: number[]; confirm: 'legacy' | 'redis' }
  /**
   * Neither view finds where keys start (a malformed call): nothing is namespaced, and Redis rejects
   * the call itself. `arity`: Redis refuses a call of the wrong length before it looks at any key.
   */
  | { kind: 'malformed'; confirm: 'legacy' | 'redis' | 'arity' }
  | { kind: 'refuse'; why: string };

const UNCLEAR = 'the playground could not tell for certain which of its arguments are keys, so it did not run it';

/** Keys found by a keyword or a count, or specs Redis itself calls incomplete: only Redis can confirm them. */
export function movesKeys(meta: CommandMeta): boolean {
  return (
    meta.flags.includes('movablekeys') ||
    meta.keySpecs.some((spec) => spec.beginSearch.type !== 'index' || spec.findKeys.type !== 'range' || spec.flags.includes('incomplete'))
  );
}

/** The positions the legacy triple names, or undefined when they lie past the arguments given. */
export function legacyPositions(meta: CommandMeta, argc: number): number[] | undefined {
  const { first, last, step } = meta.legacyKeys;
  if (!(first > 0)) return [];
  const end = last < 0 ? argc + last : last;
  if (first >= argc || end >= argc || end < first) return undefined;
  const positions: number[] = [];
  for (let i = first; i <= end; i += Math.max(step, 1)) positions.push(i);
  return positions;
}

/**
 * A keyword that introduces keys (STORE, STOREDIST, STREAMS…) may stand once. Redis's parsers differ
 * on which of several counts (the first, the last, or a mix), so a repeat, or two such keywords that
 * each name a key to write, is refused rather than guessed at.
 */
function repeatedKeyword(meta: CommandMeta, text: readonly string[], keys: ReadonlySet<number>): string | undefined {
  let introducers = 0;
  for (const spec of meta.keySpecs) {
    const { type, keyword, startFrom } = spec.beginSearch;
    if (type !== 'keyword' || keyword === undefined) continue;
    const word = keyword.toLowerCase();
    const from = startFrom !== undefined && startFrom > 0 ? startFrom : 1;
    let seen = 0;
    for (let i = from; i < text.length; i += 1) if (!keys.has(i) && text[i]!.toLowerCase() === word) seen += 1;
    if (seen > 1) return `${keyword} may be given only once here, and it was given ${seen} times`;
    if (seen === 1) introducers += 1;
  }
  return introducers > 1 ? 'it names more than one key to store into, and Redis writes only one of them' : undefined;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Where `meta`'s keys are in `text`, or why the line is refused. `extra` adds positions a special parser found (SORT's STORE). */
export function planKeys(meta: CommandMeta, text: readonly string[], extra: readonly number[] = []): KeyPlan {
  // As processCommand in server.c, which answers "wrong number of arguments" before the ACL or the command reads a key.
  if (meta.arity > 0 ? text.length !== meta.arity : text.length < -meta.arity) return { kind: 'malformed', confirm: 'arity' };
  const found = keyPositions(meta, text);
  const confirm = movesKeys(meta) ? 'redis' : 'legacy';
  if (!found.ok) {
    // A fixed command given too few arguments: the legacy triple must agree that no key is there.
    if (confirm === 'legacy' && legacyPositions(meta, text.length) !== undefined) return { kind: 'refuse', why: UNCLEAR };
    return { kind: 'malformed', confirm };
  }
  const positions = [...new Set([...found.positions, ...extra])].sort((a, b) => a - b);
  const repeated = repeatedKeyword(meta, text, new Set(positions));
  if (repeated) return { kind: 'refuse', why: repeated };
  if (confirm === 'legacy') {
    const legacy = legacyPositions(meta, text.length);
    if (!legacy || !sameList(legacy, positions)) return { kind: 'refuse', why: UNCLEAR };
  }
  return { kind: 'keys', positions, confirm };
}

/**
 * Whether the keys Redis extracted (`COMMAND GETKEYS` on the argv about to be sent; `undefined` when
 * it found none or refused) are exactly the namespaced arguments at the planned positions.
 */
export function redisAgrees(plan: KeyPlan, sent: readonly string[], fromRedis: readonly string[] | undefined, prefix: string): boolean {
  if (plan.kind === 'refuse') return false;
  const redisKeys = fromRedis ?? [];
  if (!redisKeys.every((key) => key.startsWith(prefix))) return false;
  const ours = plan.kind === 'keys' ? plan.positions.map((i) => sent[i]!) : [];
  if (ours.length !== redisKeys.length) return false;
  const sortedOurs = [...ours].sort();
  return [...redisKeys].sort().every((key, i) => key === sortedOurs[i]);
}
