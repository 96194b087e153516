import { exponential, normal } from './random';
import type { SimSettings } from './settings';
import type { Clock, Random } from './types';

export class BackendFailure extends Error {
  constructor(message = 'the backend failed') {
    super(message);
  }
}

/**
 * The slow origin the cache protects, behaving as a database does under a stampede: it works on at
 * most `backendCapacity` queries at once (its connections); the others wait their turn in order, so
 * latency grows with the calls in flight past capacity. A caller gives up after
 * `backendTimeoutMs`, but a query already running keeps its connection until it is done, as a
 * database keeps working on a query whose client has gone. It counts calls in flight, so
 * overlapping regenerations are measured rather than guessed.
 */
export class Backend {
  inFlight = 0;
  peak = 0;
  calls = 0;
  overlaps = 0;
  /** Set by the "slow backend" fault: every later call takes this long. */
  slowMs: number | null = null;
  /** Queries running now, and the ones waiting for a connection, first come first served. */
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly settings: SimSettings) {}

  /** This call's latency, drawn from the calling client's own random stream. */
  latency(random: Random): number {
    if (this.slowMs !== null) return this.slowMs;
    const { backendLatencyMs: mean, jitterMs, latencyDistribution } = this.settings;
    const base = latencyDistribution === 'normal' ? normal(random, mean, mean / 4) : latencyDistribution === 'exponential' ? exponential(random, mean) : mean;
    const jitter = jitterMs > 0 ? (random() * 2 - 1) * jitterMs : 0;
    return Math.max(0, base + jitter);
  }

  fails(random: Random): boolean {
    return this.settings.failureRate > 0 && random() < this.settings.failureRate;
  }

  /** Marks a call as started; true when another was already running (an overlap). */
  enter(): boolean {
    this.calls += 1;
    const overlapping = this.inFlight > 0;
    if (overlapping) this.overlaps += 1;
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    return overlapping;
  }

  leave(): void {
    this.inFlight -= 1;
  }

  /**
   * Runs one query of `latency` ms once a connection is free. `cancel` takes a query that is still
   * waiting out of the queue; one that runs keeps its connection until it ends.
   */
  query(latency: number, clock: Clock): { done: Promise<void>; cancel: () => void } {
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    let queued = false;
    if (this.running < this.settings.backendCapacity) {
      this.running += 1;
      start();
    } else {
      this.waiting.push(start);
      queued = true;
    }
    const done = started.then(() => clock.sleep(latency)).then(() => this.free());
    return {
      done,
      cancel: () => {
        const i = queued ? this.waiting.indexOf(start) : -1;
        if (i >= 0) this.waiting.splice(i, 1);
      },
    };
  }

  private free(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
