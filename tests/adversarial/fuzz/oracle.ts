import type Redis from 'ioredis';
import type { Monitored } from '../../support/monitor';
import type { KeywordSpec } from './docs';

/** A command that ran on the attacker's connection (or in its script) and reached outside its namespace. */
export interface Escape {
  /** Index of the generated line it came from, -1 when before the first marker. */
  line: number;
  reason: string;
  /** The command as Redis executed it, from MONITOR; `lua` when a script called it. */
  executed: string[];
  source: string;
}

export interface OracleContext {
  prefix: string;
  attackerAddrs: Set<string>;
  /** Redis 7.0 shows EVAL before the calls its script makes; 7.2 and later after them (probed at start). */
  luaAfterScript: boolean;
  keywords: Map<string, KeywordSpec[]>;
  admin: Redis;
}

export const MARKER = 'fuzz-line:';
const SCRIPT_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
const lower = (s: string | undefined) => (s ?? '').toLowerCase();

interface Owned {
  line: number;
  entry: Monitored;
}

/**
 * The attacker's commands, each with the line it came from. A script's inner calls carry no client
 * address (`[0 lua]`), but a script runs atomically, so they sit right beside the EVAL that ran them.
 */
export function attribute(entries: Monitored[], ctx: OracleContext): Owned[] {
  const owned: Owned[] = [];
  let line = -1;
  let scriptIsAttackers = false;
  let pendingLua: Monitored[] = [];
  for (const entry of entries) {
    if (entry.source === 'lua') {
      if (ctx.luaAfterScript) {
        if (scriptIsAttackers) owned.push({ line, entry });
      } else pendingLua.push(entry);
      continue;
    }
    const mine = ctx.attackerAddrs.has(entry.source);
    scriptIsAttackers = mine && SCRIPT_COMMANDS.has(lower(entry.argv[0]));
    if (!ctx.luaAfterScript && scriptIsAttackers) owned.push(...pendingLua.map((e) => ({ line, entry: e })));
    pendingLua = [];
    if (!mine) continue;
    if (lower(entry.argv[0]) === 'echo' && entry.argv[1]?.startsWith(MARKER)) line = Number(entry.argv[1].slice(MARKER.length));
    else owned.push({ line, entry });
  }
  return owned;
}

/**
 * Keys a keyword introduces. A keyword followed by one key counts at every occurrence: Redis's key
 * specs and GETKEYS stop at the first `STORE` of GEORADIUS, while its parser writes to the last. One
 * that takes the rest of the line (STREAMS, MIGRATE's KEYS) ends the parse, so only its first counts.
 */
function keywordKeys(argv: string[], specs: KeywordSpec[]): string[] {
  const keys: string[] = [];
  for (const spec of specs) {
    for (let i = spec.startFrom > 0 ? spec.startFrom : 1; i < argv.length; i += 1) {
      if (lower(argv[i]) !== spec.keyword) continue;
      const first = i + 1;
      let last = spec.lastKey >= 0 ? first + spec.lastKey : argv.length + spec.lastKey;
      if (spec.limit > 0) last = first + Math.floor((argv.length - first) / spec.limit) + spec.lastKey;
      for (let k = first; k <= last && k < argv.length; k += spec.keyStep) keys.push(argv[k]!);
      if (spec.lastKey < 0) break;
    }
  }
  return keys;
}

/**
 * Where SORT writes, as its own parser reads it (sort.c `sortCommandGeneric`): LIMIT takes two
 * arguments, BY and GET one, STORE its key; the last STORE wins, and any other word is a syntax error.
 */
function sortStoreKeys(argv: string[]): string[] {
  let store: string | undefined;
  for (let i = 2; i < argv.length; i += 1) {
    const word = lower(argv[i]);
    const left = argv.length - i - 1;
    if (word === 'limit' && left >= 2) i += 2;
    else if ((word === 'by' || word === 'get') && left >= 1) i += 1;
    else if (word === 'store' && left >= 1) store = argv[(i += 1)];
    else if (!['asc', 'desc', 'alpha'].includes(word)) return [];
  }
  return store === undefined ? [] : [store];
}

/**
 * The pattern SCAN lists with, as Redis's parser (db.c `scanGenericCommand`) reads it: the last
 * MATCH; null where Redis refuses the call before listing anything (a bad cursor, a dangling option).
 */
function scanPattern(argv: string[]): string | undefined | null {
  if (!/^\s*[+-]?\d+$/.test(argv[1] ?? '')) return null;
  let pattern: string | undefined;
  for (let i = 2; i < argv.length; i += 2) {
    const option = lower(argv[i]);
    if (i + 1 >= argv.length || !['match', 'count', 'type'].includes(option)) return null;
    if (option === 'match') pattern = argv[i + 1];
  }
  return pattern;
}

/**
 * Commands that list keys by pattern, which no key check of Redis's ACL covers. SORT's BY and GET
 * patterns are not here: Redis 7 refuses them to a user confined to some keys (sort.c), and 7.0's
 * MONITOR shows a command before it runs, so the refused attempt would read as an escape.
 */
function patternEscape(argv: string[], prefix: string): string | undefined {
  const name = lower(argv[0]);
  const outside = (pattern: string) => !pattern.startsWith(prefix);
  if (name === 'keys' && outside(argv[1] ?? '')) return `lists keys beyond its namespace with pattern ${JSON.stringify(argv[1])}`;
  if (name === 'randomkey') return 'picks a key from the whole database';
  if (name === 'scan') {
    const pattern = scanPattern(argv);
    if (pattern !== null && (pattern === undefined || outside(pattern)))
      return `scans beyond its namespace (${pattern === undefined ? 'no MATCH' : `MATCH ${JSON.stringify(pattern)}`})`;
  }
  return undefined;
}

/**
 * Every key a command named, from Redis's own COMMAND GETKEYS (on the admin connection) and from its
 * key-introducing keywords; and each one outside the attacker's prefix is an escape.
 */
export async function findEscapes(owned: Owned[], ctx: OracleContext): Promise<Escape[]> {
  const pipeline = ctx.admin.pipeline();
  for (const { entry } of owned) pipeline.callBuffer('COMMAND', 'GETKEYS', ...entry.argv.map((a) => Buffer.from(a, 'latin1')));
  const rows = owned.length > 0 ? ((await pipeline.exec()) ?? []) : [];
  const escapes: Escape[] = [];
  owned.forEach(({ line, entry }, i) => {
    const [error, value] = rows[i] ?? [null, []];
    // GETKEYS refuses what it cannot parse ("Invalid arguments", "no key arguments"): the keywords still count.
    const byRedis = error ? [] : (value as Buffer[]).map((b) => b.toString('latin1'));
    const name = lower(entry.argv[0]);
    const specs = [...(ctx.keywords.get(name) ?? []), ...(ctx.keywords.get(`${name}|${lower(entry.argv[1])}`) ?? [])];
    const report = (reason: string) => escapes.push({ line, reason, executed: entry.argv, source: entry.source });
    for (const key of new Set(byRedis)) if (!key.startsWith(ctx.prefix)) report(`names key ${JSON.stringify(key)} (COMMAND GETKEYS)`);
    for (const key of new Set(name === 'sort' ? sortStoreKeys(entry.argv) : keywordKeys(entry.argv, specs))) {
      if (!key.startsWith(ctx.prefix) && !byRedis.includes(key)) report(`names key ${JSON.stringify(key)} after a keyword GETKEYS does not count`);
    }
    const pattern = patternEscape(entry.argv, ctx.prefix);
    if (pattern) report(pattern);
  });
  return escapes;
}
