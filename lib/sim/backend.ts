import { exponential, normal } from './random';
import type { SimSettings } from './settings';
import type { Random } from './types';

export class BackendFailure extends Error {
  constructor() {
    super('the backend failed');
  }
}

/**
 * The slow origin the cache protects. It counts calls in flight, so overlapping regenerations
 * (two clients rebuilding the same value at once) are measured rather than guessed.
 */
export class Backend {
  inFlight = 0;
  peak = 0;
  calls = 0;
  overlaps = 0;
  /** Set by the "slow backend" fault: every later call takes this long. */
  slowMs: number | null = null;

  constructor(private readonly settings: SimSettings) {}

  /** This call's latency, drawn from the calling client's own random stream. */
  latency(random: Random): number {
    if (this.slowMs !== null) return this.slowMs;
    const { backendLatencyMs: mean, jitterMs, latencyDistribution } = this.settings;
    const base =
      latencyDistribution === 'normal' ? normal(random, mean, mean / 4) : latencyDistribution === 'exponential' ? exponential(random, mean) : mean;
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
}
