import { KEY_CHANGES_PER_10S } from '../events/changeRate';
import { sendRetryingBusy } from '../redis/busy';
import type { TimedReply } from '../redis/consoleConnection';

/**
 * What one run may cost the Redis everyone shares. Redis serves one connection's pipelined commands
 * back to back, so a run sent whole (300 × LPOS on a long list) held every other learner for seconds.
 * A run goes out in chunks instead, each sized to take about CHUNK_TARGET_MS and to bring back about
 * CHUNK_TARGET_BYTES of replies, so other connections are served between them; and it stops, with a
 * sentence, once it has had its share.
 */
export const CHUNK_TARGET_MS = 50;
/** Replies are parsed on the app's event loop, which serves everyone: a chunk aims at this many bytes of them. */
export const CHUNK_TARGET_BYTES = 4 * 1024 * 1024;
const RUN_BUDGET_MS = 2_000;
const RUN_REPLY_BYTES = 16 * 1024 * 1024;
/** The first chunk is one command: nothing is known yet of what the commands cost. */
const FIRST_CHUNK = 1;

export class RunBudget {
  spentMs = 0;
  /** Time blocking commands spent waiting: the learner's own, not the server's. */
  waitedMs = 0;
  replyBytes = 0;
  private chunk = FIRST_CHUNK;

  /** `keyChanges`: how often the session's keys changed over the last 10 s, as far as this server has heard. */
  constructor(private readonly keyChanges: () => number = () => 0) {}

  /** Why the run stops before its next command, if it must. */
  get exhausted(): string | undefined {
    if (this.spentMs > RUN_BUDGET_MS) return `${(RUN_BUDGET_MS / 1000).toFixed(0)} s of the shared Redis's time`;
    if (this.replyBytes > RUN_REPLY_BYTES) return `${RUN_REPLY_BYTES / (1024 * 1024)} MB of replies`;
    if (this.keyChanges() > KEY_CHANGES_PER_10S) return KEY_CHANGES_REASON;
    return undefined;
  }

  get nextChunk(): number {
    return this.chunk;
  }

  /** Grows the next chunk while commands are cheap, and shrinks it to what fits CHUNK_TARGET_MS when they are not. */
  spent(ms: number, commands: number, replies: readonly TimedReply[], waited = false): void {
    if (waited) this.waitedMs += ms;
    else this.spentMs += ms;
    const bytes = replies.reduce((sum, reply) => sum + (reply.bytes ?? 0), 0);
    this.replyBytes += bytes;
    const fittingTime = ms > 0 && !waited ? Math.floor((commands * CHUNK_TARGET_MS) / ms) : Infinity;
    const fittingBytes = bytes > 0 ? Math.floor((commands * CHUNK_TARGET_BYTES) / bytes) : Infinity;
    this.chunk = Math.max(1, Math.min(this.chunk * 2, fittingTime, fittingBytes));
  }
}

const KEY_CHANGES_REASON = `${KEY_CHANGES_PER_10S.toLocaleString('en')} changes to keys in 10 s`;

export function stoppedMessage(reason: string): string {
  // Smaller runs change keys as often: only time gives that share back.
  const advice = reason === KEY_CHANGES_REASON ? 'wait a few seconds, then run them again' : 'run them again, or in smaller runs';
  return (
    `ERR the playground stopped this run before this line: it had used ${reason}, its share of a server everyone here uses. ` +
    `The lines from here on did not run; ${advice}.`
  );
}

export interface ChunkOptions {
  /** A blocking command waits rather than works: it goes alone, and its wait is not counted. */
  blocks(argv: readonly Uint8Array[]): boolean;
  /** Wraps a chunk that may run a script, so a runaway one is stopped. */
  guard(argv: readonly Uint8Array[][], work: () => Promise<TimedReply[]>): Promise<TimedReply[]>;
}

/** Sends commands in chunks within the run's budget; commands after the budget ran out get the stop sentence. */
export async function sendInChunks(
  send: (commands: Uint8Array[][]) => Promise<TimedReply[]>,
  commands: Uint8Array[][],
  budget: RunBudget,
  options: ChunkOptions,
): Promise<TimedReply[]> {
  const replies: TimedReply[] = [];
  let at = 0;
  while (at < commands.length) {
    const reason = budget.exhausted;
    if (reason) {
      const stop: TimedReply = { reply: { type: 'error', value: stoppedMessage(reason) }, ms: 0 };
      while (replies.length < commands.length) replies.push(stop);
      break;
    }
    const blocking = options.blocks(commands[at]!);
    let end = blocking ? at + 1 : Math.min(commands.length, at + budget.nextChunk);
    if (!blocking) for (let i = at + 1; i < end; i += 1) if (options.blocks(commands[i]!)) end = i;
    const chunk = commands.slice(at, end);
    const started = performance.now();
    const answered = await options.guard(chunk, () => sendRetryingBusy(chunk, send));
    budget.spent(performance.now() - started, chunk.length, answered, blocking);
    replies.push(...answered);
    at = end;
  }
  return replies;
}
