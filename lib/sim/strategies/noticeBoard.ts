import type { Clock } from '../types';

export type Notice = { ok: true; value: string } | { ok: false };

interface Cohort {
  deadline: number;
  promise: Promise<Notice | null>;
  resolve: (notice: Notice | null) => void;
}

/**
 * The release notices of one simulated app process, handed to the clients waiting in it. Waiters
 * that begin waiting in the same millisecond form a cohort with one promise and one deadline, and
 * the process keeps one timer, for its oldest cohort: 10,000 waiters cost a few promises and one
 * timer instead of 10,000 of each.
 */
export class NoticeBoard {
  private delivered = 0;
  private latest: Notice | null = null;
  private readonly cohorts: Cohort[] = [];
  private timerSet = false;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {}

  /** Marks where a client starts listening, before it asks for the lock, so a notice in between is not missed. */
  listen(): number {
    return this.delivered;
  }

  /** The first notice since `listen`, or null when none comes within the timeout from now. */
  wait(listening: number): Promise<Notice | null> {
    if (this.delivered !== listening) return Promise.resolve(this.latest);
    const deadline = Math.ceil(this.clock.now()) + this.timeoutMs;
    let cohort = this.cohorts.at(-1);
    if (cohort?.deadline !== deadline) {
      let resolve!: Cohort['resolve'];
      const promise = new Promise<Notice | null>((settle) => (resolve = settle));
      cohort = { deadline, promise, resolve };
      this.cohorts.push(cohort);
      this.setTimer();
    }
    return cohort.promise;
  }

  deliver(notice: Notice): void {
    this.delivered += 1;
    this.latest = notice;
    for (const cohort of this.cohorts.splice(0)) cohort.resolve(notice);
  }

  /** A timer, once set, fires even if its cohort was notified; it then serves the next cohort. */
  private setTimer(): void {
    const oldest = this.cohorts[0];
    if (this.timerSet || !oldest) return;
    this.timerSet = true;
    void this.clock.sleep(Math.max(1, Math.ceil(oldest.deadline - this.clock.now()))).then(() => {
      this.timerSet = false;
      const now = this.clock.now();
      while (this.cohorts[0] && this.cohorts[0].deadline <= now) this.cohorts.shift()!.resolve(null);
      this.setTimer();
    });
  }
}
