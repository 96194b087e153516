import type { CommandMeta, CommandTable } from './metadata';
import { capBlockingTimeout, isReviewedBlocking } from './blocking';
import { asksTooManyRandomMembers, MAX_RANDOM_MEMBERS } from './amplifiers';
import { planKeys, type KeyPlan } from './keySources';
import { latin1, latin1Bytes } from '../latin1';

/** What the playground does with one tokenized command. */
export type Verdict =
  /** Send `argv` on the learner's connection; `plan` says where its keys are and which view must confirm them. */
  | { kind: 'run'; argv: Uint8Array[]; plan: KeyPlan; name: string }
  /** KEYS or SCAN, confined to the session's prefix, which the app serves (the session's user may not list keys). */
  | { kind: 'list'; argv: Uint8Array[] }
  /** `reason`: a short label for logs and metrics (`admin`, `keys`, `unknown-command`, …). */
  | { kind: 'refuse'; message: string; reason: string };

export interface PolicyContext {
  table: CommandTable;
  /** Prefix every key of this session carries in Redis, e.g. `sl:{ab12}:`. */
  prefix: string;
  /** Why scripts are off for this session, if they are; see scriptsOffReason in console.ts. */
  scriptsOff?: string;
}

/** Commands without keys that cannot see or change anything beyond the learner's own connection. */
const KEYLESS_ALLOWED = new Set(['ping', 'echo', 'time', 'lolwut', 'multi', 'exec', 'discard', 'unwatch']);
const SCRIPTS_ALLOWED = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro']);

/** Why a category stays closed, in words a learner can act on. Checked in this order. */
const CLOSED_CATEGORIES: [string, string][] = [
  ['admin', 'it administers the whole server, which everyone here shares'],
  ['dangerous', 'it reaches beyond your own keys on a server everyone here shares'],
  ['pubsub', 'publish/subscribe would tie up your console connection; the lessons use keys instead'],
  ['connection', 'the playground manages your connection for you'],
  ['scripting', 'scripts run only through EVAL or EVALSHA, on the keys you pass in KEYS'],
];

/** Commands every category lets through that cost the shared server far more than their length. */
const TOO_COSTLY = new Map([['lcs', 'it compares two strings cell by cell, and two 10 KB strings hold the server everyone here shares for seconds']]);

/**
 * A key's name travels in every keyspace notification of it, to the one subscriber all keys panels
 * share: sixty writes of a 1.5 MB name would make Redis drop that subscriber.
 */
const MAX_KEY_BYTES = 1_024;

export function refusal(name: string, why: string, reason: string): Verdict {
  return { kind: 'refuse', message: `ERR '${name}' is not available in the playground: ${why}`, reason };
}

function closedCategory(meta: CommandMeta): [category: string, why: string] | undefined {
  return CLOSED_CATEGORIES.find(([category]) => meta.categories.includes(category));
}

function prefixed(argv: Uint8Array[], positions: number[], prefix: string): Uint8Array[] {
  const out = argv.slice();
  for (const i of positions) out[i] = latin1Bytes(prefix + latin1(argv[i]!));
  return out;
}

/** SCAN's COUNT is a hint; the playground caps it, since the app walks the shared keyspace on the learner's behalf. */
const MAX_SCAN_COUNT = 1_000;

/** SCAN sees only this session's keys: the learner's MATCH pattern is moved under the prefix. */
function confineScan(argv: Uint8Array[], text: string[], prefix: string): Uint8Array[] {
  const kept: Uint8Array[] = argv.slice(0, 2);
  let pattern = '*';
  for (let i = 2; i < argv.length; i += 1) {
    const word = text[i]!.toLowerCase();
    if (word === 'match' && i + 1 < argv.length) {
      pattern = text[i + 1]!;
      i += 1;
    } else if (word === 'count' && i + 1 < argv.length && /^\d+$/.test(text[i + 1]!) && Number(text[i + 1]) > MAX_SCAN_COUNT) {
      kept.push(argv[i]!, latin1Bytes(String(MAX_SCAN_COUNT)));
      i += 1;
    } else kept.push(argv[i]!);
  }
  // Redis applies the last MATCH it is given, so the confined pattern goes last.
  return [...kept, latin1Bytes('MATCH'), latin1Bytes(prefix + pattern)];
}

/**
 * Where SORT writes: its key specs call the STORE key unknown, so this follows Redis's own parser
 * (`sortGetKeys` in db.c), which skips LIMIT's two numbers and takes every STORE's argument.
 */
function sortStoreKeys(text: string[]): number[] {
  const positions: number[] = [];
  for (let i = 2; i < text.length; i += 1) {
    const word = text[i]!.toLowerCase();
    if (word === 'limit') i += 2;
    else if (word === 'store' && i + 1 < text.length) positions.push((i += 1));
  }
  return positions;
}

/**
 * GEORADIUS and GEORADIUSBYMEMBER write to their last STORE or STOREDIST while Redis 7.0's ACL checks
 * only the first, so the session's user may not run them (a script could use them to write anywhere).
 * Without a store they are the read-only variants, which answer the same.
 */
const GEO_RADIUS_OPTIONS_FROM: Record<string, number> = { georadius: 6, georadiusbymember: 5 };

function readOnlyGeoRadius(name: string, argv: Uint8Array[], text: string[], table: CommandTable): { argv: Uint8Array[]; meta: CommandMeta } | Verdict {
  const from = GEO_RADIUS_OPTIONS_FROM[name]!;
  if (text.slice(from).some((t) => /^store(dist)?$/i.test(t))) {
    return refusal(name, `Redis 7.0 checks only the first of its STORE keys. GEOSEARCHSTORE stores the same result safely`, 'geo-store');
  }
  return { argv: [latin1Bytes(`${name}_ro`), ...argv.slice(1)], meta: table.get(`${name}_ro`)! };
}

/**
 * Decides, from Redis's own metadata, whether a command may run and rewrites its keys into the
 * session's namespace. Anything not positively understood stays closed.
 */
export function judge(argv: Uint8Array[], ctx: PolicyContext): Verdict {
  const text = argv.map(latin1);
  const name = text[0]!.toLowerCase();
  const resolved = ctx.table.resolve(text);
  let meta = resolved.meta;
  if (!meta) return unknownCommand(text);
  if (resolved.unknownSubcommand) {
    return { kind: 'refuse', message: `ERR unknown subcommand '${text[1]!.slice(0, 128)}'. Try ${name.toUpperCase()} HELP.`, reason: 'unknown-command' };
  }
  const shownName = meta.name.replace('|', ' ');

  if (name === 'keys') {
    return argv.length === 2
      ? { kind: 'list', argv: [argv[0]!, latin1Bytes(ctx.prefix + text[1])] }
      : { kind: 'refuse', message: "ERR wrong number of arguments for 'keys' command", reason: 'arguments' };
  }
  if (name === 'scan') return { kind: 'list', argv: confineScan(argv, text, ctx.prefix) };
  if (name in GEO_RADIUS_OPTIONS_FROM) {
    const readOnly = readOnlyGeoRadius(name, argv, text, ctx.table);
    if ('kind' in readOnly) return readOnly;
    ({ argv, meta } = readOnly);
  }
  if (name === 'sort' || name === 'sort_ro') {
    if (text.slice(2).some((t) => /^(by|get)$/i.test(t))) {
      return refusal(name, 'SORT with BY or GET reads other keys by pattern, which could reach beyond your keys', 'sort-pattern');
    }
  } else if (name === 'move' || (name === 'copy' && text.slice(3).some((t) => t.toLowerCase() === 'db'))) {
    return refusal(name, 'other databases on this server belong to no session', 'other-database');
  } else if (SCRIPTS_ALLOWED.has(name)) {
    if (ctx.scriptsOff) return refusal(name, ctx.scriptsOff, 'scripts-off');
  } else if (TOO_COSTLY.has(name)) {
    return refusal(name, TOO_COSTLY.get(name)!, 'too-costly');
  } else if (asksTooManyRandomMembers(name, text)) {
    const most = MAX_RANDOM_MEMBERS.toLocaleString('en');
    return {
      kind: 'refuse',
      message: `ERR a negative count returns that many members, repeats included; the playground returns at most ${most} at once.`,
      reason: 'too-costly',
    };
  } else if (!KEYLESS_ALLOWED.has(name)) {
    const closed = closedCategory(meta);
    if (closed) return refusal(shownName, closed[1], closed[0]);
  }

  const plan = planKeys(meta, text, name === 'sort' ? sortStoreKeys(text) : []);
  if (plan.kind === 'refuse') return refusal(shownName, plan.why, 'keys');
  // A malformed call goes to Redis as it is, for Redis's own error, once the second view agrees it names no key.
  if (plan.kind === 'malformed') return { kind: 'run', argv, plan, name };
  if (plan.positions.length === 0 && !KEYLESS_ALLOWED.has(name) && !SCRIPTS_ALLOWED.has(name) && !meta.name.endsWith('|help')) {
    if (argv.length - 1 >= Math.abs(meta.arity) - 1 || meta.keySpecs.length === 0) {
      return refusal(shownName, 'it works on the whole database, not only your keys', 'whole-database');
    }
  }
  if (plan.positions.some((i) => argv[i]!.length > MAX_KEY_BYTES)) {
    return {
      kind: 'refuse',
      message: `ERR key names are at most ${MAX_KEY_BYTES.toLocaleString('en')} bytes here: every change to a key is announced, name and all, to the keys panel everyone's changes go through.`,
      reason: 'too-costly',
    };
  }
  const run = prefixed(argv, plan.positions, ctx.prefix);
  if (meta.categories.includes('blocking')) {
    const capped = capBlockingTimeout(name, run, text);
    if (typeof capped === 'string') return { kind: 'refuse', message: capped, reason: 'blocking' };
    return capped ? { kind: 'run', argv: capped, plan, name } : refusal(name, 'it could block without a time limit', 'blocking');
  }
  return { kind: 'run', argv: run, plan, name };
}

/** The same words Redis uses (server.c `processCommand`), so an unknown command reads as usual. */
function unknownCommand(text: string[]): Verdict {
  let args = '';
  for (let i = 1; i < text.length && args.length < 128; i += 1) {
    args += `'${text[i]!.slice(0, 128 - args.length)}' `;
  }
  const message = `ERR unknown command '${text[0]!.slice(0, 128)}', with args beginning with: ${args}`;
  return { kind: 'refuse', message: Buffer.from(message, 'latin1').toString('utf8'), reason: 'unknown-command' };
}

/** Whether the playground lets this command run at all, for the editor's help. */
export function isOpen(meta: CommandMeta): boolean {
  const name = meta.name;
  if (['keys', 'scan', 'sort', 'sort_ro', ...Object.keys(GEO_RADIUS_OPTIONS_FROM)].includes(name) || SCRIPTS_ALLOWED.has(name) || KEYLESS_ALLOWED.has(name))
    return true;
  if (name === 'move' || TOO_COSTLY.has(name) || closedCategory(meta)) return false;
  if (meta.categories.includes('blocking') && !isReviewedBlocking(name)) return false;
  return meta.keySpecs.length > 0 || KEYLESS_ALLOWED.has(name) || name.endsWith('|help');
}
