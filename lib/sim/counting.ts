import type { SimRedis } from './types';

/** Counts every command a strategy sends; a subscription counts once, as one SUBSCRIBE. */
export function countingRedis(redis: SimRedis, count: () => void): SimRedis {
  return {
    get: (key) => (count(), redis.get(key)),
    set: (key, value, px, nx) => (count(), redis.set(key, value, px, nx)),
    del: (...keys) => (count(), redis.del(...keys)),
    getdel: (key) => (count(), redis.getdel(key)),
    eval: (script, keys, args) => (count(), redis.eval(script, keys, args)),
    publish: (channel, message) => (count(), redis.publish(channel, message)),
    subscribe: (channel, onMessage) => (count(), redis.subscribe(channel, onMessage)),
    ...(redis.evalLearner && { evalLearner: (script, keys, args) => (count(), redis.evalLearner!(script, keys, args)) }),
  };
}

/** Milliseconds per bucket of `CommandRate`. */
export const RATE_BUCKET_MS = 10;

/** How many commands a race sent in each 10 ms of it, for drawing Redis's load on the lanes' time axis. */
export class CommandRate {
  private counts = new Uint32Array(256);
  private used = 0;

  add(elapsedMs: number): void {
    const i = Math.max(0, Math.floor(elapsedMs / RATE_BUCKET_MS));
    if (i >= this.counts.length) {
      const grown = new Uint32Array(Math.max(i + 1, this.counts.length * 2));
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[i]! += 1;
    this.used = Math.max(this.used, i + 1);
  }

  /** Commands per bucket, from the race's start to its last command. */
  read(): number[] {
    return Array.from(this.counts.subarray(0, this.used));
  }
}
