import { BackendFailure } from './backend';
import type { Recorder } from './recorder';
import { ScriptFailure } from './strategies/customScripts';
import { Crashed, GaveUp, type ClientContext, type Served, type Strategy } from './strategy';
import type { Clock } from './types';

export type ClientOutcome = 'fresh' | 'stale' | 'failed';

const REDIS_RETRIES = 3;

/**
 * Every client of a race from its request until it is served or fails, and the tallies the summary
 * reads. Clients still on their way are a counter, not a promise per client, so a burst allocates less.
 */
export class ClientRuns {
  served = 0;
  servedStale = 0;
  failures = 0;
  latencies: number[] = [];
  /** Ms into the race when the last client was done. */
  lastDoneAt: number | null = null;
  private running = 0;

  constructor(
    private readonly strategy: Strategy,
    private readonly clock: Clock,
    private readonly recorder: Recorder,
    private readonly elapsed: () => number,
    /** Called whenever a client is done; the race asks `idle` whether it was the last. */
    private readonly onDone: () => void,
  ) {}

  get idle(): boolean {
    return this.running === 0;
  }

  /** Counts a client as on its way, from before it may start (an arrival timer, an admission waiting for set-up). */
  begin(): void {
    this.running += 1;
  }

  /**
   * One client's request until it is served or fails; never rejects. A `.then` chain rather than an
   * async loop: a burst holds 10,000 of these at once, and an async frame each was a large part of
   * what the garbage collector had to copy.
   */
  serve(ctx: ClientContext, started: number, attempt = 1): Promise<ClientOutcome> {
    return this.strategy.serve(ctx).then(
      (served) => this.onServed(ctx.id, started, served),
      (error: unknown) => this.onFailed(ctx, started, attempt, error),
    );
  }

  /** A client that never got to run (an admitted client of a race whose set-up failed). */
  giveUp(): ClientOutcome {
    this.failures += 1;
    this.done();
    return 'failed';
  }

  private done(): void {
    this.running -= 1;
    this.lastDoneAt = this.elapsed();
    this.onDone();
  }

  private onServed(id: number, started: number, served: Served): ClientOutcome {
    this.recorder.emit(id, served === 'fresh' ? 'served-fresh' : 'served-stale');
    this.served += 1;
    if (served === 'stale') this.servedStale += 1;
    this.latencies.push(this.clock.now() - started);
    this.done();
    return served;
  }

  private onFailed(ctx: ClientContext, started: number, attempt: number, error: unknown): ClientOutcome | Promise<ClientOutcome> {
    const final =
      error instanceof BackendFailure || error instanceof Crashed || error instanceof GaveUp || error instanceof ScriptFailure || attempt > REDIS_RETRIES;
    // A Redis error (a dropped connection) is retried, as an app would; the others end the request.
    if (!(error instanceof Crashed)) this.recorder.emit(ctx.id, 'error', (error as Error).message);
    if (!final) return this.clock.sleep(20 * attempt).then(() => this.serve(ctx, started, attempt + 1));
    return this.giveUp();
  }
}
