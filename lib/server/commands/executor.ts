import { formatReply, INVALID_ARGUMENTS } from '@/lib/cli/format';
import type { Reply, ReplyJson } from '@/lib/cli/reply';
import { replyToJson } from '@/lib/cli/replyJson';
import { splitScript } from '@/lib/cli/script';
import { splitArgs } from '@/lib/cli/tokenize';
import type { TimedReply } from '../redis/consoleConnection';
import { stripPrefix } from '../session/namespace';
import type { CommandTable } from './metadata';
import { judge } from './policy';

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
  send(commands: Uint8Array[][]): Promise<TimedReply[]>;
}

/** A reply this long would freeze the learner's tab and helps nobody learn; the start of it is shown. */
export const MAX_REPLY_CHARS = 1024 * 1024;

function result(line: number, command: string, reply: Reply, ms: number): LineResult {
  const text = formatReply(reply);
  const truncated = text.length > MAX_REPLY_CHARS;
  return {
    line,
    command,
    ok: reply.type !== 'error',
    reply: truncated ? { truncated: text.length } : replyToJson(reply),
    text: truncated
      ? `${text.slice(0, MAX_REPLY_CHARS)}\n(reply truncated: ${text.length.toLocaleString('en')} characters, the first 1 MiB shown)`
      : text,
    ms: Math.round(ms * 1000) / 1000,
  };
}

/**
 * Runs a script as `redis-cli < file` would: line by line, in order, an error on one line not
 * stopping the next. Every command that may run goes out in one pipeline; that cannot change a
 * result, since Redis still executes them one after another on this session's connection.
 */
export async function runScript(script: string, ctx: ScriptContext): Promise<LineResult[]> {
  const lines = splitScript(script);
  const results: (LineResult | undefined)[] = new Array(lines.length);
  const batch: { index: number; argv: Uint8Array[] }[] = [];

  lines.forEach(({ line, command }, index) => {
    const argv = splitArgs(command);
    if (argv === null) {
      results[index] = { line, command, ok: false, reply: { error: INVALID_ARGUMENTS }, text: INVALID_ARGUMENTS, ms: 0 };
      return;
    }
    const verdict = judge(argv, ctx);
    if (verdict.kind === 'refuse') results[index] = result(line, command, { type: 'error', value: verdict.message }, 0);
    else batch.push({ index, argv: verdict.argv });
  });

  if (batch.length > 0) {
    const replies = await ctx.send(batch.map((b) => b.argv));
    batch.forEach(({ index }, i) => {
      const { line, command } = lines[index]!;
      const { reply, ms } = replies[i]!;
      results[index] = result(line, command, stripPrefix(reply, ctx.prefix), ms);
    });
  }
  return results.filter((r): r is LineResult => r !== undefined);
}
