import type { Reply } from '@/lib/cli/reply';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * While a learner's script runs past Redis's busy threshold, Redis answers every other command
 * with BUSY, without running it, until the script ends or is killed (within about a second, see
 * scriptGuard.ts). A command refused that way can safely be sent again, so a bystander waits a
 * moment instead of seeing an error.
 */
const BUSY_RETRY_MS = 50;
const BUSY_GIVE_UP_MS = 2_000;

/** BUSY itself, or ioredis's EXECABORT for a MULTI whose commands Redis refused as BUSY. */
export const isBusy = (message: string) => /^(EXECABORT [^:]*: )?BUSY /.test(message);
const isBusyReply = (reply: Reply) => reply.type === 'error' && isBusy(reply.value);

/** Runs `work` again while Redis refuses it as BUSY, for at most BUSY_GIVE_UP_MS. */
export async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
  const until = performance.now() + BUSY_GIVE_UP_MS;
  for (;;) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof Error) || !isBusy(error.message) || performance.now() > until) throw error;
      await sleep(BUSY_RETRY_MS);
    }
  }
}

/**
 * Sends a pipeline, and sends again the commands Redis refused as BUSY when they are the pipeline's
 * tail: those never ran, and nothing after them ran either, so sending them again keeps the order.
 */
export async function sendRetryingBusy<T extends { reply: Reply }>(commands: Uint8Array[][], send: (commands: Uint8Array[][]) => Promise<T[]>): Promise<T[]> {
  const until = performance.now() + BUSY_GIVE_UP_MS;
  const replies = await send(commands);
  for (;;) {
    let tail = replies.length;
    while (tail > 0 && isBusyReply(replies[tail - 1]!.reply)) tail -= 1;
    if (tail === replies.length || performance.now() > until) return replies;
    await sleep(BUSY_RETRY_MS);
    replies.splice(tail, replies.length - tail, ...(await send(commands.slice(tail))));
  }
}
