import { formatReplyWithin, INVALID_ARGUMENTS } from '@/lib/cli/format';
import type { Reply, ReplyJson } from '@/lib/cli/reply';
import { replyToJson } from '@/lib/cli/replyJson';
import { splitScript } from '@/lib/cli/script';
import { splitArgs } from '@/lib/cli/tokenize';
import type { TimedReply } from '../redis/consoleConnection';
import { stripPrefix } from '../session/namespace';
import { redisAgrees } from './keySources';
import type { CommandTable } from './metadata';
import { judge, refusal, type Verdict } from './policy';
import { RunBudget, stoppedMessage } from './runBudget';
import { notQueueable, queueable } from './transaction';
import { latin1 } from '../latin1';

export interface LineResult {
  line: number;
  command: string;
  ok: boolean;
  reply: ReplyJson;
  text: string;
  ms: number;
}

export interface ScriptContext {
  table: CommandTable;
  prefix: string;
  scriptsOff?: string;
  /** Whether the learner's connection is inside MULTI as the run starts (a transaction may span runs). */
  inTransaction: boolean;
  /** Sends commands on the learner's own connection, in order, within the run's budget. */
  send(commands: Uint8Array[][], budget: RunBudget): Promise<TimedReply[]>;
  /** Serves a KEYS or SCAN already confined to the prefix (the learner's user may not list keys). */
  list(argv: Uint8Array[]): Promise<TimedReply>;
  /** The keys Redis itself finds in each argv (`COMMAND GETKEYS`); undefined where it finds none or refuses. */
  keysFromRedis(commands: Uint8Array[][]): Promise<(string[] | undefined)[]>;
  /** Hears of each line the playground refused, with the command's name (when Redis knows it) and why. */
  onRefused?(command: string, reason: string): void;
  /** How often the session's keys changed over the last 10 s (its share of the keys panels' one subscriber). */
  keyChanges?(): number;
}

/** A reply this long would freeze the learner's tab and helps nobody learn; the start of it is shown. */
const MAX_REPLY_CHARS = 1024 * 1024;

/** Commands that may run a script: a runaway one is stopped, and what it wrote is measured before the next write. */
export const RUNS_SCRIPTS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro', 'exec']);

function result(line: number, command: string, reply: Reply, ms: number, bytes = 0): LineResult {
  const { text, truncated } = formatReplyWithin(reply, MAX_REPLY_CHARS);
  return {
    line,
    command,
    ok: reply.type !== 'error',
    reply: truncated ? { truncated: bytes } : replyToJson(reply),
    text: truncated ? `${text}\n(reply truncated: a reply of ${bytes.toLocaleString('en')} bytes, of which the first 1 MiB of text is shown)` : text,
    ms: Math.round(ms * 1000) / 1000,
  };
}

/** Redis's own words when its `maxmemory` ceiling is reached, and what they mean here. */
const SERVER_FULL = /^OOM /;
function explainServerFull(reply: Reply): Reply {
  if (reply.type !== 'error' || !SERVER_FULL.test(reply.value)) return reply;
  return {
    type: 'error',
    value: 'OOM the shared Redis has reached its memory ceiling, so nobody can add data until keys are deleted or expire. Tell whoever runs this workshop.',
  };
}

type Planned = { index: number; verdict: Exclude<Verdict, { kind: 'refuse' }> };

/** Asks Redis for the keys of every command whose keys move with its arguments, and refuses those where it disagrees with the plan. */
async function confirmWithRedis(planned: Planned[], ctx: ScriptContext): Promise<Map<number, string>> {
  const asked = planned.filter((p) => p.verdict.kind === 'run' && p.verdict.plan.kind !== 'refuse' && p.verdict.plan.confirm === 'redis');
  const refused = new Map<number, string>();
  if (asked.length === 0) return refused;
  const keys = await ctx.keysFromRedis(asked.map((p) => p.verdict.argv));
  asked.forEach(({ index, verdict }, i) => {
    if (verdict.kind !== 'run') return;
    if (!redisAgrees(verdict.plan, verdict.argv.map(latin1), keys[i], ctx.prefix)) {
      const shown = refusal(verdict.name, 'Redis and the playground read its keys differently, so it did not run; check the command against HELP', 'keys');
      if (shown.kind === 'refuse') refused.set(index, shown.message);
      ctx.onRefused?.(verdict.name, 'keys');
    }
  });
  return refused;
}

/**
 * Splits the planned commands into what goes out together: KEYS and SCAN alone (the app serves
 * them), and a break after each command that may run a script, so that what the script wrote is
 * measured before a later line may write more.
 */
function segments(planned: Planned[]): Planned[][] {
  const out: Planned[][] = [];
  let current: Planned[] = [];
  const close = () => {
    if (current.length) out.push(current);
    current = [];
  };
  for (const item of planned) {
    if (item.verdict.kind === 'list') {
      close();
      out.push([item]);
      continue;
    }
    current.push(item);
    if (RUNS_SCRIPTS.has(item.verdict.name)) close();
  }
  close();
  return out;
}

/** Inside MULTI: KEYS and SCAN, served by the app, cannot be queued, nor can anything slow (transaction.ts). */
function withinTransaction(verdict: Verdict, ctx: ScriptContext): Verdict {
  if (verdict.kind === 'list') {
    return { kind: 'refuse', message: 'ERR KEYS and SCAN cannot be queued in a transaction in the playground; run them after EXEC.', reason: 'transaction' };
  }
  if (verdict.kind !== 'run') return verdict;
  const { meta } = ctx.table.resolve(verdict.argv.map(latin1));
  if (!meta || queueable(meta)) return verdict;
  return { kind: 'refuse', message: notQueueable(meta.name.replace('|', ' ')), reason: 'transaction' };
}

/**
 * Runs a script as `redis-cli < file` would: line by line, in order, an error on one line not
 * stopping the next. The lines go out pipelined, in chunks (runBudget.ts); that cannot change a
 * result, since Redis still executes them one after another on this session's connection.
 */
export async function runScript(script: string, ctx: ScriptContext): Promise<LineResult[]> {
  const lines = splitScript(script);
  const results: (LineResult | undefined)[] = new Array(lines.length);
  const planned: Planned[] = [];
  // Followed line by line, as Redis will: MULTI starts queueing, EXEC and DISCARD end it.
  let queued = ctx.inTransaction;

  lines.forEach(({ line, command }, index) => {
    const argv = splitArgs(command);
    if (argv === null) {
      results[index] = { line, command, ok: false, reply: { error: INVALID_ARGUMENTS }, text: INVALID_ARGUMENTS, ms: 0 };
      return;
    }
    const judged = judge(argv, ctx);
    const verdict = queued ? withinTransaction(judged, ctx) : judged;
    if (verdict.kind === 'run') queued = verdict.name === 'multi' || (queued && verdict.name !== 'exec' && verdict.name !== 'discard');
    if (verdict.kind === 'refuse') {
      results[index] = result(line, command, { type: 'error', value: verdict.message }, 0);
      // A name Redis does not know is whatever was typed (a pasted password, say), so it is not passed on.
      const name = latin1(argv[0]!).toLowerCase();
      ctx.onRefused?.(ctx.table.get(name) ? name : '(unknown)', verdict.reason);
    } else planned.push({ index, verdict });
  });

  const refused = await confirmWithRedis(planned, ctx);
  const answer = (index: number, { reply, ms, bytes }: TimedReply) => {
    const { line, command } = lines[index]!;
    results[index] = result(line, command, explainServerFull(stripPrefix(reply, ctx.prefix)), ms, bytes);
  };
  const budget = new RunBudget(ctx.keyChanges);
  for (const segment of segments(planned.filter((p) => !refused.has(p.index)))) {
    const reason = budget.exhausted;
    if (reason) {
      for (const { index, verdict } of segment) {
        answer(index, { reply: { type: 'error', value: stoppedMessage(reason) }, ms: 0 });
        ctx.onRefused?.(latin1(verdict.argv[0]!).toLowerCase(), 'run-budget');
      }
      continue;
    }
    const started = performance.now();
    const countedBefore = budget.spentMs + budget.waitedMs;
    const [first] = segment;
    if (first!.verdict.kind === 'list') {
      answer(first!.index, await ctx.list(first!.verdict.argv));
    } else {
      const replies = await ctx.send(
        segment.map((p) => p.verdict.argv),
        budget,
      );
      segment.forEach(({ index }, i) => answer(index, replies[i]!));
    }
    // What the chunks did not count (checking caps, measuring after a script, listing keys) is Redis time too.
    budget.spentMs += Math.max(0, performance.now() - started - (budget.spentMs + budget.waitedMs - countedBefore));
  }
  for (const [index, message] of refused) answer(index, { reply: { type: 'error', value: message }, ms: 0 });
  return results.filter((r): r is LineResult => r !== undefined);
}
