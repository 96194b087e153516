/**
 * The "crash the lock holder" fault. It kills one computation: the newest in flight, which under a
 * lock is the client holding it now (an older one lost its lock when it expired); with nothing in
 * flight, the next one to start. Every other computation carries on.
 */
export class Crashes {
  private readonly inFlight: (() => void)[] = [];
  private crashNext = false;

  /** Registers a computation; `crashed` settles if the fault picks it, `done` unregisters it. */
  signal(): { crashed: Promise<void>; done: () => void } {
    let crash!: () => void;
    const crashed = new Promise<void>((resolve) => (crash = resolve));
    if (this.crashNext) {
      this.crashNext = false;
      crash();
    }
    this.inFlight.push(crash);
    return {
      crashed,
      done: () => {
        const i = this.inFlight.indexOf(crash);
        if (i >= 0) this.inFlight.splice(i, 1);
      },
    };
  }

  crashHolder(): void {
    const newest = this.inFlight.pop();
    if (newest) newest();
    else this.crashNext = true;
  }
}
