import { z } from 'zod';

/** Long enough for any read path worth racing; short enough that a body stays small. */
const MAX_SCRIPT_CHARS = 8_000;

const script = (name: 'read' | 'write') =>
  z
    .string({ error: `"custom.${name}" must be the ${name} script's Lua source, as a string.` })
    .min(1, { error: `The ${name} script is empty: write the Lua the race runs for each ${name === 'read' ? 'read' : 'write'}.` })
    .max(MAX_SCRIPT_CHARS, { error: `The ${name} script may be at most ${MAX_SCRIPT_CHARS.toLocaleString('en')} characters long.` });

/** The learner's pair of scripts; see the README's "Write your own strategy" for what each receives. */
export const customScriptsSchema = z.object(
  { read: script('read'), write: script('write') },
  { error: '"custom" must be an object: { "read": "<lua>", "write": "<lua>" }.' },
);

export type CustomScripts = z.output<typeof customScriptsSchema>;
export type ScriptName = keyof CustomScripts;

/** What a read script may answer, once checked. */
export type ReadAnswer =
  { kind: 'hit'; value: string } | { kind: 'stale'; value: string; token?: string } | { kind: 'compute'; token: string } | { kind: 'wait'; ms: number };

/** The longest a read script may ask a client to wait before reading again. */
const MAX_WAIT_MS = 60_000;

/**
 * A learner's script did something the race cannot go on with: it failed in Redis, was refused
 * there, or answered a shape the race does not know. It fails the client and ends the race, with
 * this sentence as the reason.
 */
export class ScriptFailure extends Error {}

const SHAPES = "{'hit', value}, {'stale', value}, {'stale', value, token}, {'compute', token} or {'wait', ms}";

/** How a reply reads in Lua terms, so the learner recognises what their script returned. */
function describeReply(reply: unknown, depth = 0): string {
  if (reply === null || reply === undefined) return depth === 0 ? 'nil (nothing, or false)' : 'nil';
  if (typeof reply === 'number') return String(reply);
  if (typeof reply === 'string') return `'${reply.length > 40 ? `${reply.slice(0, 40)}…` : reply}'`;
  if (Array.isArray(reply)) {
    if (depth > 0) return '{…}';
    const shown = reply.slice(0, 4).map((item) => describeReply(item, depth + 1));
    return `{${shown.join(', ')}${reply.length > 4 ? ', …' : ''}}`;
  }
  return String(reply);
}

const isText = (value: unknown): value is string | number => typeof value === 'string' || typeof value === 'number';

/**
 * Checks what a read script returned against the five shapes. Redis hands a Lua table over as an
 * array (stopping at the first nil), a number as an integer, and `false` or nothing as nil.
 */
export function parseReadAnswer(reply: unknown): ReadAnswer | { problem: string } {
  const returned = `The read script returned ${describeReply(reply)}`;
  if (!Array.isArray(reply) || typeof reply[0] !== 'string') return { problem: `${returned}; it must return one of ${SHAPES}.` };
  const [kind, second, third] = reply as unknown[];
  const extra = (max: number) =>
    reply.length > max
      ? { problem: `${returned}: '${kind as string}' takes ${max - 1} value${max > 2 ? 's' : ''} after it, not ${reply.length - 1}.` }
      : undefined;
  switch (kind) {
    case 'hit':
      if (!isText(second)) return { problem: `${returned}: a 'hit' needs the value it serves, {'hit', value}.` };
      return extra(2) ?? { kind, value: String(second) };
    case 'stale':
      if (!isText(second)) return { problem: `${returned}: a 'stale' needs the value it serves, {'stale', value} or {'stale', value, token}.` };
      return (
        extra(3) ??
        (third === undefined
          ? { kind, value: String(second) }
          : isText(third)
            ? { kind, value: String(second), token: String(third) }
            : { problem: `${returned}: the token must be a string.` })
      );
    case 'compute':
      if (!isText(second)) return { problem: `${returned}: a 'compute' needs the token the write script will get, {'compute', token}.` };
      return extra(2) ?? { kind, token: String(second) };
    case 'wait': {
      const ms = Number(second);
      if (!Number.isFinite(ms) || ms < 1 || ms > MAX_WAIT_MS) {
        return { problem: `${returned}: a 'wait' needs the milliseconds to wait, from 1 to ${MAX_WAIT_MS.toLocaleString('en')}, e.g. {'wait', 50}.` };
      }
      return extra(2) ?? { kind, ms };
    }
    default:
      return { problem: `${returned}: ${describeReply(kind)} is not one of the answers; it must return one of ${SHAPES}.` };
  }
}

/**
 * Redis's words for a script's error, in the learner's: "ERR user_script:3: Script attempted to
 * access nonexistent global variable 'x' script: 3f…, on @user_script:3." becomes the message and
 * its line. Line numbers are the learner's own (the server keeps its prologue on their line 1).
 */
export function explainScriptError(name: ScriptName, message: string): { sentence: string; line?: number } {
  // "user_script:3: …" for Lua's own errors, "… on @user_script:3." for a command Redis refused.
  const line = /user_script:(\d+)/.exec(message)?.[1];
  const core = message
    .replace(/^(ERR|NOPERM|WRONGTYPE|OOM|BUSY|NOSCRIPT)\s+/, '')
    .replace(/^Error (compiling|running) script \((call to f_[0-9a-f]+|new function)\): /, '')
    .replace(/@?user_script:\d+:\s*/g, '')
    .replace(/\s*script: [0-9a-f]{40}, on @?user_script:\d+\.?$/, '')
    .replace(/\s*script: [0-9a-f]{40}.*$/, '')
    .trim();
  const where = line ? ` on line ${line}` : '';
  if (/Script killed by user/i.test(message)) {
    return {
      sentence: `Your ${name} script ran for longer than half a second, so it was stopped (a loop that never ends?). Nobody else's commands were lost.`,
    };
  }
  if (/can't run this command|can't access at least one of the keys|not allowed from script|No permissions|NOPERM/i.test(message)) {
    return {
      sentence: `Your ${name} script was refused${where}: ${core}. A script in the race may use only your own keys (KEYS[1], KEYS[2]), and no commands that list or change the whole server.`,
      line: line ? Number(line) : undefined,
    };
  }
  return { sentence: `Your ${name} script failed${where}: ${core}.`, line: line ? Number(line) : undefined };
}
