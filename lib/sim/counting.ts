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
  };
}
