export const OVERFLOW = Symbol('overflow');

/**
 * Hands what a push source (a pub/sub listener, the keyspace hub) delivers to the live stream that
 * carries it, which reads at its browser's pace. The source never waits. A browser too slow to keep
 * up would make the server hold an ever-growing backlog, so once what waits would weigh more than
 * `limit` the queue drops it all and says so once (`OVERFLOW`): the stream then resyncs its browser
 * instead. An item weighs 1 unless `weigh` says otherwise (a batch of key events, by its events).
 */
export class PushQueue<T> {
  private items: T[] = [];
  private weight = 0;
  private overflowed = false;
  private ended = false;
  private wake: (() => void) | undefined;

  /** Ends at once, dropping what waits, when `signal` aborts. */
  constructor(
    private readonly limit: number,
    private readonly signal: AbortSignal,
    private readonly weigh: (item: T) => number = () => 1,
  ) {
    signal.addEventListener('abort', () => this.wakeUp(), { once: true });
  }

  /** True once ended or aborted: what is pushed now is dropped. */
  get closed(): boolean {
    return this.ended || this.signal.aborted;
  }

  push(item: T): void {
    if (this.closed) return;
    const weight = this.weigh(item);
    if (this.weight + weight > this.limit) this.lose();
    else {
      this.items.push(item);
      this.weight += weight;
      this.wakeUp();
    }
  }

  /** The source lost items itself: what waits is dropped, and the reader hears `OVERFLOW` as after an overflow. */
  lose(): void {
    if (this.closed) return;
    this.items = [];
    this.weight = 0;
    this.overflowed = true;
    this.wakeUp();
  }

  /** No more items: the reader takes those that wait, then hears the end. */
  end(): void {
    this.ended = true;
    this.wakeUp();
  }

  /** What waits now, in order, without waiting for more. */
  drain(): T[] {
    this.weight = 0;
    return this.items.splice(0);
  }

  /**
   * Waits until something is there: the items that arrived since the last call, in order;
   * `OVERFLOW` once after items were dropped; `undefined` at the end.
   */
  async take(): Promise<T[] | typeof OVERFLOW | undefined> {
    while (!this.signal.aborted && !this.overflowed && this.items.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.signal.aborted) return undefined;
    if (this.overflowed) {
      this.overflowed = false;
      return OVERFLOW;
    }
    return this.items.length ? this.drain() : undefined;
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
