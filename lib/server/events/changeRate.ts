const WINDOW_MS = 10_000;

interface Count {
  window: number;
  current: number;
  previous: number;
}

/**
 * How often each namespace's keys changed over the last 10 s, as the keyspace notifications the hub
 * reads tell it. The count slides, as the command budget's does: the last window's count weighs in
 * by how much of it the last 10 s still cover. Namespaces quiet for two windows are forgotten.
 */
export class ChangeRate {
  private readonly counts = new Map<string, Count>();
  private swept = 0;

  constructor(private readonly now: () => number = Date.now) {}

  add(namespaceId: string): void {
    const window = Math.floor(this.now() / WINDOW_MS);
    if (window > this.swept) this.sweep(window);
    const count = this.counts.get(namespaceId);
    if (!count) this.counts.set(namespaceId, { window, current: 1, previous: 0 });
    else if (count.window === window) count.current += 1;
    else {
      count.previous = count.window === window - 1 ? count.current : 0;
      count.current = 1;
      count.window = window;
    }
  }

  /** Changes over the last 10 s. */
  recent(namespaceId: string): number {
    const at = this.now() / WINDOW_MS;
    const window = Math.floor(at);
    const count = this.counts.get(namespaceId);
    if (!count || count.window < window - 1) return 0;
    if (count.window === window - 1) return count.current * (1 - (at - window));
    return count.current + count.previous * (1 - (at - window));
  }

  /** How many namespaces are counted: what the counter holds in memory. */
  get size(): number {
    return this.counts.size;
  }

  private sweep(window: number): void {
    this.swept = window;
    for (const [id, count] of this.counts) if (count.window < window - 1) this.counts.delete(id);
  }
}
