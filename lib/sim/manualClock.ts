import type { Clock } from './types';

/**
 * A clock that moves only when told to, for tests of timing rules without waiting: sleepers wake,
 * in time order, as `advance` passes their moment.
 */
export class ManualClock implements Clock {
  private t = 0;
  private sleepers: { at: number; wake: () => void }[] = [];

  now(): number {
    return this.t;
  }

  epochMs(): number {
    return 1_700_000_000_000 + this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.sleepers.push({ at: this.t + Math.max(0, ms), wake }));
  }

  /** When the next sleeper is due, or undefined when nothing sleeps. */
  nextDue(): number | undefined {
    return this.sleepers.length ? Math.min(...this.sleepers.map((s) => s.at)) : undefined;
  }

  /** Moves time forward by `ms`, waking each sleeper due by then and letting what it starts run. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    for (;;) {
      // Lets what was woken (or started) run, and maybe sleep again, before the next sleeper is due.
      await new Promise((resolve) => setImmediate(resolve));
      const due = this.sleepers.filter((s) => s.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.sleepers.splice(this.sleepers.indexOf(due), 1);
      this.t = due.at;
      due.wake();
    }
    this.t = until;
  }
}
