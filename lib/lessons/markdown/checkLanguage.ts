import { splitArgsText } from '@/lib/cli/tokenize';
import { parseLog, type ParsedCommand } from '../checks/log';
import { sameAnswer } from '../predictions';
import type { CheckResult, LessonSnapshot } from '../types';

/**
 * The `check` block of a Markdown lesson: one condition per line, all of which must hold against the
 * session's keys and the commands it ran since the lesson was started or reset. Pure: the server
 * builds the snapshot (only ever from the session's own keys) and this judges it.
 */

const KEY_TYPES = ['string', 'list', 'hash', 'set', 'zset', 'stream'] as const;
type KeyType = (typeof KEY_TYPES)[number];

/** A command pattern: the name (compared case-insensitively), then arguments (exact; `*` is any one). */
export type Pattern = string[];

export type CheckLine = { line: number } & (
  | { kind: 'exists' | 'missing'; key: string }
  | { kind: 'value'; key: string; value: string }
  | { kind: 'type'; key: string; type: KeyType }
  | { kind: 'ttl'; key: string; min: number; max: number }
  | { kind: 'ran'; pattern: Pattern }
  | { kind: 'replied'; pattern: Pattern; reply: string }
);

export interface LineError {
  line: number;
  message: string;
}

const FORMS = 'exists KEY, missing KEY, value KEY "text", type KEY string|list|hash|set|zset|stream, ttl KEY MIN..MAX, ran PATTERN, or replied PATTERN => TEXT';

type Parsed = { check: CheckLine } | { error: string };

function words(text: string): string[] | string {
  const split = splitArgsText(text);
  return split ?? 'its quotes do not close (quoting follows redis-cli: "…" or \'…\', followed by a space or the end of the line)';
}

function keyOnly(kind: 'exists' | 'missing', args: string[], line: number): Parsed {
  if (args.length !== 1) return { error: `\`${kind}\` takes one key, e.g. \`${kind} cache:data\`` };
  return { check: { line, kind, key: args[0]! } };
}

function parseTtl(args: string[], line: number): Parsed {
  const range = args.length === 2 ? /^(\d+)\.\.(\d+)$/.exec(args[1]!) : null;
  if (!range) return { error: '`ttl` takes a key and a range of milliseconds, e.g. `ttl hot:1 25000..35000`' };
  const [min, max] = [Number(range[1]), Number(range[2])];
  if (min > max) return { error: `the range ${min}..${max} is empty: write the smaller number first` };
  return { check: { line, kind: 'ttl', key: args[0]!, min, max } };
}

function parseReplied(rest: string, line: number): Parsed {
  const arrow = /(^|\s)=>(\s|$)/.exec(rest);
  if (!arrow) return { error: '`replied` takes a command pattern, then `=>` and the reply as redis-cli prints it, e.g. `replied GET hot:1 => (nil)`' };
  const pattern = words(rest.slice(0, arrow.index));
  if (typeof pattern === 'string') return { error: `its pattern: ${pattern}` };
  if (pattern.length === 0) return { error: '`replied` needs a command pattern before `=>`, e.g. `replied GET hot:1 => (nil)`' };
  const reply = rest.slice(arrow.index + arrow[0].length).trim();
  if (!reply) return { error: '`replied` needs the reply after `=>`, as redis-cli prints it, e.g. `(nil)` or `"v"`' };
  return { check: { line, kind: 'replied', pattern, reply } };
}

function parseLine(text: string, line: number): Parsed {
  const [, verb = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(text.trim()) ?? [];
  if (verb === 'replied') return parseReplied(rest, line);
  const args = words(rest);
  if (typeof args === 'string') return { error: args };
  switch (verb) {
    case 'exists':
    case 'missing':
      return keyOnly(verb, args, line);
    case 'value':
      if (args.length !== 2) return { error: '`value` takes a key and the text it holds, e.g. `value hot:1 "v"`' };
      return { check: { line, kind: 'value', key: args[0]!, value: args[1]! } };
    case 'type': {
      const type = KEY_TYPES.find((t) => t === args[1]);
      if (args.length !== 2 || !type) return { error: `\`type\` takes a key and one of ${KEY_TYPES.join(', ')}, e.g. \`type queue list\`` };
      return { check: { line, kind: 'type', key: args[0]!, type } };
    }
    case 'ttl':
      return parseTtl(args, line);
    case 'ran':
      if (args.length === 0) return { error: '`ran` takes a command pattern, e.g. `ran SET lock:hot:1 * NX PX *`' };
      return { check: { line, kind: 'ran', pattern: args } };
    default:
      return { error: `"${verb.slice(0, 40)}" is not a check; a line is one of: ${FORMS}` };
  }
}

/** A `check` block's lines; `firstLine` is the file's line number of the block's first line. Blank lines are skipped. */
export function parseCheckBlock(text: string, firstLine: number): { checks: CheckLine[]; errors: LineError[] } {
  const checks: CheckLine[] = [];
  const errors: LineError[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    const parsed = parseLine(raw, firstLine + i);
    if ('check' in parsed) checks.push(parsed.check);
    else errors.push({ line: firstLine + i, message: parsed.error });
  });
  if (checks.length === 0 && errors.length === 0)
    errors.push({ line: firstLine, message: 'this check block is empty: a step passes only when Redis agrees with at least one line' });
  return { checks, errors };
}

export function matchesPattern(pattern: Pattern, command: ParsedCommand): boolean {
  const [name, ...args] = pattern;
  if (name!.toUpperCase() !== command.name || args.length !== command.args.length) return false;
  return args.every((arg, i) => arg === '*' || arg === command.args[i]);
}

const typeOf = (snapshot: LessonSnapshot, key: string) => {
  const state = snapshot.keys[key];
  return state?.type === 'other' ? state.redisType : state?.type;
};

/** Why the line does not hold, in words a learner reads after a run; undefined when it holds. */
function failure(check: CheckLine, snapshot: LessonSnapshot, commands: ParsedCommand[]): string | undefined {
  switch (check.kind) {
    case 'exists':
      return check.key in snapshot.keys ? undefined : `\`${check.key}\` does not exist yet.`;
    case 'missing':
      return check.key in snapshot.keys ? `\`${check.key}\` still exists; this step wants it gone.` : undefined;
    case 'value': {
      const state = snapshot.keys[check.key];
      if (!state) return `\`${check.key}\` does not exist yet; this step wants it to hold "${check.value}".`;
      if (state.type !== 'string') return `\`${check.key}\` is a ${typeOf(snapshot, check.key)}; this step wants a string holding "${check.value}".`;
      return state.value === check.value ? undefined : `\`${check.key}\` holds "${state.value.slice(0, 80)}"; this step wants "${check.value}".`;
    }
    case 'type': {
      const type = typeOf(snapshot, check.key);
      if (!type) return `\`${check.key}\` does not exist yet; this step wants a ${check.type}.`;
      return type === check.type ? undefined : `\`${check.key}\` is a ${type}; this step wants a ${check.type}.`;
    }
    case 'ttl': {
      const state = snapshot.keys[check.key];
      if (!state) return `\`${check.key}\` does not exist yet; this step wants it with ${check.min}..${check.max} ms left.`;
      if (state.ttlMs === null) return `\`${check.key}\` has no expiry; this step wants ${check.min}..${check.max} ms left.`;
      const ok = state.ttlMs >= check.min && state.ttlMs <= check.max;
      return ok ? undefined : `\`${check.key}\` has ${state.ttlMs} ms left; this step wants ${check.min}..${check.max} ms.`;
    }
    case 'ran':
      return commands.some((c) => matchesPattern(check.pattern, c))
        ? undefined
        : `This step waits for a \`${check.pattern[0]!.toUpperCase()}\` command it has not seen yet.`;
    case 'replied': {
      const matching = commands.filter((c) => matchesPattern(check.pattern, c));
      if (matching.length === 0) return `This step waits for a \`${check.pattern[0]!.toUpperCase()}\` command it has not seen yet.`;
      return matching.some((c) => sameAnswer(c.text, check.reply))
        ? undefined
        : `\`${check.pattern[0]!.toUpperCase()}\` answered ${matching.at(-1)!.text}; this step wants it to answer ${check.reply}.`;
    }
  }
}

/** Every line must hold; the first that does not says what is missing. */
export function evaluateChecks(checks: CheckLine[], snapshot: LessonSnapshot): CheckResult {
  const commands = parseLog(snapshot.log);
  for (const check of checks) {
    const why = failure(check, snapshot, commands);
    if (why) return { done: false, hint: why };
  }
  return { done: true };
}

/** The keys a step's checks name: the keys panel highlights them. */
export const checkedKeys = (checks: CheckLine[]) => [...new Set(checks.flatMap((c) => ('key' in c ? [c.key] : [])))];
