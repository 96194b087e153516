import 'server-only';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { SimRedis } from '@/lib/sim/types';
import { KEYS } from '@/lib/sim/value';
import { connectionForSlot, quiet } from '../redis/client';
import { slotOf } from '../redis/slot';

/** A SimRedis plus what only the server can do with it: bounce it (the restart fault) and close it. */
export interface RunConnection {
  redis: SimRedis;
  restart(): Promise<void>;
  close(): void;
}

const RACE_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  commandTimeout: 10_000,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(50 * attempt, 500),
};

/**
 * Each run gets its own ioredis connection, never the learner's console connection: the race's
 * thousands of commands must not queue behind (or in front of) what the learner types.
 * Auto-pipelining batches the commands clients issue in the same tick into one write, which is
 * what lets 10,000 clients arrive at once. On a cluster every key and channel of a race shares the
 * session's slot, so one plain connection to that slot's primary serves it (a race does not follow
 * a slot that moves mid-race: its commands fail there, and the race records them).
 */
// Failures reach the clients through their commands; the race records them as events.
const connect = async (slot: number, pipelined = false) => quiet(await connectionForSlot(slot, { ...RACE_OPTIONS, enableAutoPipelining: pipelined }));

const shaOf = (script: string) => createHash('sha1').update(script).digest('hex');

export async function openRunConnection(prefix: string): Promise<RunConnection> {
  const slot = slotOf(prefix);
  const main = await connect(slot, true);
  const subscribers = new Set<Redis>();
  const key = (name: string) => prefix + name;

  const redis: SimRedis = {
    get: (name) => main.get(key(name)),
    set: async (name, value, px, nx) => (nx ? await main.set(key(name), value, 'PX', px, 'NX') : await main.set(key(name), value, 'PX', px)) === 'OK',
    del: (...names) => main.del(...names.map(key)),
    async eval(script, keys, args) {
      const full = keys.map(key);
      try {
        return await main.evalsha(shaOf(script), full.length, ...full, ...args);
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return main.eval(script, full.length, ...full, ...args);
      }
    },
    // Sharded pub/sub: on a cluster the channel lives on the session's slot, beside the keys.
    publish: async (channel, message) => Number(await main.spublish(key(channel), message)),
    async subscribe(channel, onMessage) {
      const name = key(channel);
      const subscriber = await connect(slot);
      subscribers.add(subscriber);
      subscriber.on('smessage', (from: string, message: string) => from === name && onMessage(message));
      await subscriber.ssubscribe(name);
      return async () => {
        subscribers.delete(subscriber);
        subscriber.disconnect();
      };
    },
  };

  return {
    redis,
    async restart() {
      // What a Redis restart without persistence does to this run: every connection drops (commands
      // in flight fail) and the keys are gone. The shared server itself keeps running.
      for (const connection of [main, ...subscribers]) connection.disconnect(true);
      const wiper = await connect(slot);
      try {
        await wiper.del(key(KEYS.data), key(KEYS.lock));
      } finally {
        wiper.disconnect();
      }
    },
    close() {
      main.disconnect();
      for (const subscriber of subscribers) subscriber.disconnect();
    },
  };
}
