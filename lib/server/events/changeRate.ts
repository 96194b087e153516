import { DomainError } from '../errors';

const WINDOW_MS = 10_000;

/**
 * A session's share of key changes. Every change to a key is a keyspace notification that the one
 * subscriber every keys panel shares must read, in order: a script writing in a loop makes a million
 * in two seconds, and holds back every other learner's panel while they are read. A learner's keys
 * change a few dozen times a minute, a 10,000-client race some 20,000 times.
 */
export const KEY_CHANGES_PER_10S = 100_000;

/** Refuses a run or a race while the session is over its share, saying when it may go again. */
export function checkKeyChangeShare(rate: ChangeRate, namespaceId: string): void {
  const changes = rate.recent(namespaceId);
  if (changes <= KEY_CHANGES_PER_10S) return;
  const wait = rate.secondsUntil(namespaceId, KEY_CHANGES_PER_10S);
  throw new DomainError(
    'over-quota',
    `Your keys changed more than ${KEY_CHANGES_PER_10S.toLocaleString('en')} times in 10 seconds, and every keys panel here hears each change. ` +
      `Wait ${wait === 1 ? 'a second' : `${wait} seconds`}, then run again.`,
    wait,
  );
}

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

  add(namespaceId: string, changes = 1): void {
    const window = Math.floor(this.now() / WINDOW_MS);
    if (window > this.swept) this.sweep(window);
    const count = this.counts.get(namespaceId);
    if (!count) this.counts.set(namespaceId, { window, current: changes, previous: 0 });
    else if (count.window === window) count.current += changes;
    else {
      count.previous = count.window === window - 1 ? count.current : 0;
      count.current = changes;
      count.window = window;
    }
  }

  /** Changes over the last 10 s. */
  recent(namespaceId: string): number {
    return this.recentAt(namespaceId, this.now());
  }

  /** Whole seconds until the count is down to `limit`, if nothing more changes (at most 20). */
  secondsUntil(namespaceId: string, limit: number): number {
    let seconds = 0;
    while (seconds < 2 * (WINDOW_MS / 1000) && this.recentAt(namespaceId, this.now() + seconds * 1000) > limit) seconds += 1;
    return seconds;
  }

  private recentAt(namespaceId: string, time: number): number {
    const at = time / WINDOW_MS;
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
