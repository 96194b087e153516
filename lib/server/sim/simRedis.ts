import 'server-only';
import Redis from 'ioredis';
import type { SimRedis } from '@/lib/sim/types';
import { KEYS } from '@/lib/sim/value';
import { config } from '../config';
import { connectionOptions } from '../redis/client';
import { LuaScript } from '../redis/lua';
import { encodeCommand } from '../redis/commandWriter';
import { PipelinedConnection } from '../redis/pipelinedConnection';

/** A SimRedis plus what only the server can do with it: bounce it (the restart fault) and close it. */
export interface RunConnection {
  redis: SimRedis;
  restart(): Promise<void>;
  close(): void;
}

const REPLY_TIMEOUT_MS = 10_000;

/**
 * A subscriber per simulated app process; ioredis re-subscribes by itself after a reconnect. No
 * ready check: its INFO round trip would delay the race's start, and SUBSCRIBE is allowed while
 * Redis is still loading its data anyway.
 */
function subscriberConnection(): Redis {
  const connection = new Redis({
    ...connectionOptions(),
    enableReadyCheck: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * attempt, 500),
  });
  // Failures reach the clients through their commands; the race records them as events.
  connection.on('error', () => undefined);
  return connection;
}

const isOk = (reply: unknown) => reply === 'OK';
const scripts = new Map<string, LuaScript>();
const scriptOf = (source: string) => scripts.get(source) ?? scripts.set(source, new LuaScript(source)).get(source)!;

/**
 * Each run gets its own connection, never the learner's console connection: the race's thousands
 * of commands must not queue behind (or in front of) what the learner types. Commands the clients
 * issue in the same tick go out as one pipeline, which is what lets 10,000 clients arrive at once.
 */
export function openRunConnection(prefix: string): RunConnection {
  const main = new PipelinedConnection(config().redis, REPLY_TIMEOUT_MS);
  const subscribers = new Set<Redis>();
  // A race names three keys thousands of times; each full name and each GET is built once.
  const names = new Map<string, string>();
  const key = (name: string) => names.get(name) ?? names.set(name, prefix + name).get(name)!;
  const gets = new Map<string, Buffer>();
  const getCommand = (name: string) => gets.get(name) ?? gets.set(name, encodeCommand(['GET', key(name)])).get(name)!;

  const redis: SimRedis = {
    get: (name) => main.send(getCommand(name)) as Promise<string | null>,
    set: (name, value, px, nx) => main.call(nx ? ['SET', key(name), value, 'PX', px, 'NX'] : ['SET', key(name), value, 'PX', px], isOk) as Promise<boolean>,
    del: (...names) => main.call(['DEL', ...names.map(key)]) as Promise<number>,
    eval: (source, keys, args) => scriptOf(source).send((command, body) => main.call([command, body, keys.length, ...keys.map(key), ...args])),
    publish: (channel, message) => main.call(['PUBLISH', key(channel), message]) as Promise<number>,
    async subscribe(channel, onMessage) {
      const subscriber = subscriberConnection();
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
      main.drop();
      for (const subscriber of subscribers) subscriber.disconnect(true);
      await main.call(['DEL', key(KEYS.data), key(KEYS.lock)]);
    },
    close() {
      main.close();
      for (const subscriber of subscribers) subscriber.disconnect();
    },
  };
}
