import type { CommandMeta, CommandTable } from './metadata';
import { keyPositions } from './keyPositions';
import { capBlockingTimeout, isReviewedBlocking } from './blocking';
import { asksTooManyRandomMembers, MAX_RANDOM_MEMBERS } from './amplifiers';

/** What the playground does with one tokenized command. */
export type Verdict =
  | { kind: 'run'; argv: Uint8Array[] }
  | { kind: 'refuse'; message: string };

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
const TOO_COSTLY = new Map([
  ['lcs', 'it compares two strings cell by cell, and two 10 KB strings hold the server everyone here shares for seconds'],
]);

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

export function refusal(name: string, why: string): Verdict {
  return { kind: 'refuse', message: `ERR '${name}' is not available in the playground: ${why}` };
}

function closedCategoryReason(meta: CommandMeta): string | undefined {
  for (const [category, why] of CLOSED_CATEGORIES) {
    if (meta.categories.includes(category)) return why;
  }
  return undefined;
}

function prefixed(argv: Uint8Array[], positions: number[], prefix: string): Uint8Array[] {
  const out = argv.slice();
  for (const i of positions) out[i] = bytes(prefix + latin1(argv[i]!));
  return out;
}

/** SCAN sees only this session's keys: the learner's MATCH pattern is moved under the prefix. */
function confineScan(argv: Uint8Array[], text: string[], prefix: string): Uint8Array[] {
  const kept: Uint8Array[] = argv.slice(0, 2);
  let pattern = '*';
  for (let i = 2; i < argv.length; i += 1) {
    if (text[i]!.toLowerCase() === 'match' && i + 1 < argv.length) {
      pattern = text[i + 1]!;
      i += 1;
    } else kept.push(argv[i]!);
  }
  // Redis applies the last MATCH it is given, so the confined pattern goes last.
  return [...kept, bytes('MATCH'), bytes(prefix + pattern)];
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
 * Decides, from Redis's own metadata, whether a command may run and rewrites its keys into the
 * session's namespace. Anything not positively understood stays closed.
 */
export function judge(argv: Uint8Array[], ctx: PolicyContext): Verdict {
  const text = argv.map(latin1);
  const name = text[0]!.toLowerCase();
  const { meta, unknownSubcommand } = ctx.table.resolve(text);
  if (!meta) return unknownCommand(text);
  if (unknownSubcommand) {
    return { kind: 'refuse', message: `ERR unknown subcommand '${text[1]!.slice(0, 128)}'. Try ${name.toUpperCase()} HELP.` };
  }
  const shownName = meta.name.replace('|', ' ');

  if (name === 'keys') {
    return argv.length === 2 ? { kind: 'run', argv: [argv[0]!, bytes(ctx.prefix + text[1])] } : { kind: 'run', argv };
  }
  if (name === 'scan') return { kind: 'run', argv: confineScan(argv, text, ctx.prefix) };
  if (name === 'sort' || name === 'sort_ro') {
    if (text.slice(2).some((t) => /^(by|get)$/i.test(t))) {
      return refusal(name, 'SORT with BY or GET reads other keys by pattern, which could reach beyond your keys');
    }
  } else if (name === 'move' || (name === 'copy' && text.slice(3).some((t) => t.toLowerCase() === 'db'))) {
    return refusal(name, 'other databases on this server belong to no session');
  } else if (SCRIPTS_ALLOWED.has(name)) {
    if (ctx.scriptsOff) return refusal(name, ctx.scriptsOff);
  } else if (TOO_COSTLY.has(name)) {
    return refusal(name, TOO_COSTLY.get(name)!);
  } else if (asksTooManyRandomMembers(name, text)) {
    const most = MAX_RANDOM_MEMBERS.toLocaleString('en');
    return { kind: 'refuse', message: `ERR a negative count returns that many members, repeats included; the playground returns at most ${most} at once.` };
  } else if (!KEYLESS_ALLOWED.has(name)) {
    const why = closedCategoryReason(meta);
    if (why) return refusal(shownName, why);
  }

  const found = keyPositions(meta, text);
  // Redis rejects the malformed call itself (bad numkeys, missing arguments) before touching keys.
  if (!found.ok) return { kind: 'run', argv };
  if (found.positions.length === 0 && !KEYLESS_ALLOWED.has(name) && !SCRIPTS_ALLOWED.has(name) && !meta.name.endsWith('|help')) {
    if (argv.length - 1 >= Math.abs(meta.arity) - 1 || meta.keySpecs.length === 0) {
      return refusal(shownName, 'it works on the whole database, not only your keys');
    }
  }
  const run = prefixed(argv, name === 'sort' ? [...found.positions, ...sortStoreKeys(text)] : found.positions, ctx.prefix);
  if (meta.categories.includes('blocking')) {
    const capped = capBlockingTimeout(name, run, text);
    return capped ? { kind: 'run', argv: capped } : refusal(name, 'it could block without a time limit');
  }
  return { kind: 'run', argv: run };
}

/** The same words Redis uses (server.c `processCommand`), so an unknown command reads as usual. */
function unknownCommand(text: string[]): Verdict {
  let args = '';
  for (let i = 1; i < text.length && args.length < 128; i += 1) {
    args += `'${text[i]!.slice(0, 128 - args.length)}' `;
  }
  const message = `ERR unknown command '${text[0]!.slice(0, 128)}', with args beginning with: ${args}`;
  return { kind: 'refuse', message: Buffer.from(message, 'latin1').toString('utf8') };
}

/** Whether the playground lets this command run at all, for the editor's help. */
export function isOpen(meta: CommandMeta): boolean {
  const name = meta.name;
  if (['keys', 'scan', 'sort', 'sort_ro'].includes(name) || SCRIPTS_ALLOWED.has(name) || KEYLESS_ALLOWED.has(name)) return true;
  if (name === 'move' || TOO_COSTLY.has(name) || closedCategoryReason(meta)) return false;
  if (meta.categories.includes('blocking') && !isReviewedBlocking(name)) return false;
  return meta.keySpecs.length > 0 || KEYLESS_ALLOWED.has(name) || name.endsWith('|help');
}
