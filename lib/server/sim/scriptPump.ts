import 'server-only';
import { config } from '../config';
import { CHUNK_TARGET_MS } from '../commands/runBudget';
import { KEY_CHANGES_PER_10S } from '../events/changeRate';
import { keyEventHub } from '../events';
import { appRedis } from '../redis/client';
import { ConnectionClosedError, type PipelinedConnection } from '../redis/pipelinedConnection';
import { BUSY_THRESHOLD_MS, killIfRunaway, ScriptStoppedByRestartError } from '../redis/scriptGuard';
import { ReplyError } from '../redis/valueDecoder';
import type { Namespace } from '../session/namespace';
import { turnScriptsOff } from '../session/scriptsOff';
import { explainScriptError, ScriptFailure, type ScriptName } from '@/lib/sim/strategies/customScripts';
import { LATE, MAX_VALUE_BYTES } from './scriptWrap';

/** The Redis time a race's scripts may use in all; after it the race stops, as a console run does. */
const RACE_SCRIPT_BUDGET_MS = 10_000;
/** At most this many scripts go out at once, however cheap they are. */
const MAX_CHUNK = 2_048;
/** A script of a chunk that has not started this long after the chunk was sent waits for the next one. */
const CHUNK_WINDOW_US = 200_000;

interface Call {
  script: ScriptName;
  argv: (string | number)[];
  resolve(value: unknown): void;
  reject(error: Error): void;
}

type Answer = [spentUs: number, redisNowUs: number, why?: string | null, reply?: unknown];

/**
 * Sends a race's script calls as the console sends a run (commands/runBudget.ts): in chunks sized
 * to take about 50 ms of Redis's time each, so other learners are served in between, one chunk at
 * a time, each under the runaway-script guard, until the race's budget of Redis time is spent.
 * Redis runs a chunk's scripts back to back, and SCRIPT KILL stops only the running one, so every
 * script but a chunk's first carries a deadline (scriptWrap.ts): after a killed loop, the rest of
 * the chunk answers at once instead of each looping in turn. The first failure stops the race.
 */
export class ScriptPump {
  /**
   * Calls waiting to go out. A write goes ahead of every read still waiting: it releases the lock
   * and fills the cache the readers wait for, and behind a thousand polling reads on a busy server
   * it could wait past the lock's TTL, letting a second client regenerate.
   */
  private readonly queue: Call[] = [];
  /** How many calls at the front of the queue are writes. */
  private writesAhead = 0;
  private pumping = false;
  private chunk = 1;
  private spentMs = 0;
  /** Why the race may run no more scripts (its budget, a restart), said to every call left. */
  private stopped: string | undefined;
  /** A script failed: that is the race's reason, and no other script runs. */
  private failed = false;
  /** Redis's clock minus ours, in µs, at its tightest (the reply that reached us soonest). */
  private offsetUs: number | undefined;

  constructor(
    private readonly connection: PipelinedConnection,
    private readonly namespace: Namespace,
  ) {}

  call(script: ScriptName, argv: (string | number)[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const call = { script, argv, resolve, reject };
      if (script === 'write') this.queue.splice(this.writesAhead++, 0, call);
      else this.queue.push(call);
      if (!this.pumping) void this.pump();
    });
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    // Calls made in this turn of the event loop join the first chunk; the hub counts changes from the first.
    await Promise.all([
      new Promise((resolve) => setImmediate(resolve)),
      keyEventHub()
        .mode()
        .catch(() => undefined),
    ]);
    while (this.queue.length > 0) {
      if (this.stopped) {
        this.writesAhead = 0;
        for (const call of this.queue.splice(0)) call.reject(new ScriptFailure(this.stopped));
        break;
      }
      if (this.failed) {
        // The failure itself is the race's reason; the calls left over did not run.
        this.writesAhead = 0;
        for (const call of this.queue.splice(0)) call.reject(new ScriptFailure('the race had already stopped'));
        break;
      }
      const batch = this.queue.splice(0, this.chunk);
      this.writesAhead = Math.max(0, this.writesAhead - batch.length);
      // A learner's script may write in a loop: its changes are counted before the next chunk.
      await keyEventHub().accountFor(this.namespace.id, () => this.send(batch));
      if (keyEventHub().changeRate.recent(this.namespace.id) > KEY_CHANGES_PER_10S) {
        this.stopped ??= `your scripts had changed keys more than ${KEY_CHANGES_PER_10S.toLocaleString('en')} times in 10 s, and every keys panel here hears each change`;
      }
    }
    this.pumping = false;
  }

  private async send(batch: Call[]): Promise<void> {
    const deadline = this.offsetUs === undefined ? 0 : Math.floor(performance.now() * 1000 + this.offsetUs + CHUNK_WINDOW_US);
    const sent = batch.map((call, i) => this.connection.call([...call.argv, i === 0 ? 0 : deadline]));
    const settled = Promise.allSettled(sent).then((results) => {
      // A dropped connection is what a restart of Redis looks like from here.
      const lost = results.find((result) => result.status === 'rejected' && result.reason instanceof ConnectionClosedError);
      if (lost) throw (lost as PromiseRejectedResult).reason;
      return results;
    });
    const results = await killIfRunaway(appRedis(), settled, this.namespace.prefix, config().redisSupervised).catch((error: unknown) => {
      if (error instanceof ScriptStoppedByRestartError) {
        turnScriptsOff(this.namespace);
        this.stopped = 'your script wrote to Redis and then never finished, so Redis was restarted to stop it; scripts are off for your session for an hour';
      }
      return Promise.allSettled(sent);
    });
    const receivedUs = performance.now() * 1000;
    let spentUs = 0;
    const late: Call[] = [];
    results.forEach((result, i) => {
      const call = batch[i]!;
      if (result.status === 'rejected') {
        if (!(result.reason instanceof ReplyError)) return call.reject(this.stopped ? new ScriptFailure(this.stopped) : (result.reason as Error));
        const { sentence } = explainScriptError(call.script, result.reason.message);
        // A killed script held Redis at least until the busy threshold.
        if (/Script killed/i.test(result.reason.message)) spentUs += BUSY_THRESHOLD_MS * 1000;
        this.failed = true;
        return call.reject(new ScriptFailure(sentence));
      }
      const [spent, redisNowUs, why, reply] = result.value as Answer;
      spentUs += spent;
      this.offsetUs = Math.max(this.offsetUs ?? -Infinity, redisNowUs - receivedUs);
      if (why === LATE) late.push(call);
      else if (why)
        call.reject(
          new ScriptFailure(
            `Your ${call.script} script returned ${why}; a race's answers are at most ${MAX_VALUE_BYTES / 1024} KB and flat, e.g. {'hit', value}.`,
          ),
        );
      else call.resolve(reply ?? null);
    });
    // They did not run: they go first again (writes before reads), in their order.
    const lateWrites = late.filter((call) => call.script === 'write');
    this.queue.unshift(...lateWrites);
    this.writesAhead += lateWrites.length;
    this.queue.splice(this.writesAhead, 0, ...late.filter((call) => call.script !== 'write'));
    this.account(spentUs / 1000, batch.length - late.length);
  }

  /**
   * Sizes the next chunk to what fits 50 ms at the cost measured so far. Until Redis's clock is known a
   * chunk is one script; after that every script but a chunk's first carries a deadline, so a chunk's
   * Redis time is bounded whatever its size, and it need not grow slowly: growing by doubling spread a
   * burst's first reads over seven round trips, and on a busy server the first rebuild landed before
   * the last reads ran (a naive read path regenerated 15 times for 100 clients, not 100).
   */
  private account(ms: number, calls: number): void {
    this.spentMs += ms;
    const fitting = ms > 0 ? Math.floor((Math.max(1, calls) * CHUNK_TARGET_MS) / ms) : Infinity;
    this.chunk = this.offsetUs === undefined ? 1 : Math.max(1, Math.min(fitting, MAX_CHUNK));
    if (this.spentMs > RACE_SCRIPT_BUDGET_MS) {
      this.stopped ??= `your scripts had used ${RACE_SCRIPT_BUDGET_MS / 1000} s of the shared Redis's time, a race's share of a server everyone here uses`;
    }
  }
}
