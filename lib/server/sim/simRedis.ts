import 'server-only';
import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import type { SimRedis } from '@/lib/sim/types';
import { KEYS } from '@/lib/sim/value';
import { connectionOptions } from '../redis/client';

/** A SimRedis plus what only the server can do with it: bounce it (the restart fault) and close it. */
export interface RunConnection {
  redis: SimRedis;
  restart(): Promise<void>;
  close(): void;
}

/**
 * Each run gets its own ioredis connection, never the learner's console connection: the race's
 * thousands of commands must not queue behind (or in front of) what the learner types.
 * Auto-pipelining batches the commands clients issue in the same tick into one write, which is
 * what lets 10,000 clients arrive at once.
 */
function connect(): Redis {
  const connection = new Redis({
    ...connectionOptions(),
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 10_000,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * attempt, 500),
  });
  // Failures reach the clients through their commands; the race records them as events.
  connection.on('error', () => undefined);
  return connection;
}

const shaOf = (script: string) => createHash('sha1').update(script).digest('hex');

export function openRunConnection(prefix: string): RunConnection {
  const main = connect();
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
    publish: (channel, message) => main.publish(key(channel), message),
    async subscribe(channel, onMessage) {
      const subscriber = connect();
      subscribers.add(subscriber);
      const name = key(channel);
      subscriber.on('message', (from: string, message: string) => from === name && onMessage(message));
      await subscriber.subscribe(name);
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
      const wiper = connect();
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
