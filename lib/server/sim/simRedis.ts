import 'server-only';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import type { SimRedis } from '@/lib/sim/types';
import { endpointForSlot, nodeConnection, quiet } from '../redis/client';
import { encodeCommand } from '../redis/commandWriter';
import { LuaScript } from '../redis/lua';
import { PipelinedConnection } from '../redis/pipelinedConnection';
import { slotOf } from '../redis/slot';
import { watchKeys } from './keyWatch';
import { logFailure } from '../log/logger';

/** A SimRedis plus what only the server can do with it: bounce it (the restart fault) and close it. */
export interface RunConnection {
  redis: SimRedis;
  /** Bounces the connections and deletes these keys (named without the prefix). */
  restart(keys: string[]): Promise<void>;
  close(): void;
}

const REPLY_TIMEOUT_MS = 10_000;

/**
 * A subscriber per simulated app process; ioredis re-subscribes by itself after a reconnect. No
 * ready check: its INFO round trip would delay the race's start, and SSUBSCRIBE is allowed while
 * Redis is still loading its data anyway.
 */
const SUBSCRIBER_OPTIONS: RedisOptions = {
  enableReadyCheck: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(50 * attempt, 500),
};

const isOk = (reply: unknown) => reply === 'OK';
const scripts = new Map<string, LuaScript>();
const scriptOf = (source: string) => scripts.get(source) ?? scripts.set(source, new LuaScript(source)).get(source)!;

/**
 * Each run gets its own connection, never the learner's console connection: the race's thousands
 * of commands must not queue behind (or in front of) what the learner types. Commands the clients
 * issue in the same tick go out as one pipeline, which is what lets 10,000 clients arrive at once.
 * On a cluster every key and channel of a race shares the session's slot, so the race talks to
 * that slot's primary alone (a race does not follow a slot that moves mid-race: its commands fail
 * there, and the race records them).
 */
export async function openRunConnection(prefix: string): Promise<RunConnection> {
  const endpoint = await endpointForSlot(slotOf(prefix));
  const main = new PipelinedConnection(endpoint, REPLY_TIMEOUT_MS);
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
    getdel: (name) => main.call(['GETDEL', key(name)]) as Promise<string | null>,
    eval: (source, keys, args) => scriptOf(source).send((command, body) => main.call([command, body, keys.length, ...keys.map(key), ...args])),
    // Sharded pub/sub: on a cluster the channel lives on the session's slot, beside the keys.
    publish: (channel, message) => main.call(['SPUBLISH', key(channel), message]) as Promise<number>,
    async subscribe(channel, onMessage) {
      // Failures reach the clients through their commands; the race records them as events.
      const subscriber = quiet(nodeConnection(endpoint, SUBSCRIBER_OPTIONS));
      subscribers.add(subscriber);
      const name = key(channel);
      subscriber.on('smessage', (from: string, message: string) => from === name && onMessage(message));
      await subscriber.ssubscribe(name);
      return async () => {
        subscribers.delete(subscriber);
        subscriber.disconnect();
      };
    },
    // Only the lock's value is read after a write: its token names the holder.
    watch: (names, onNotice) =>
      watchKeys(
        endpoint,
        main,
        names.map((name) => ({ full: key(name), name, readValue: name.endsWith(':lock') })),
        onNotice,
      ),
  };

  return {
    redis,
    async restart(names) {
      // What a Redis restart without persistence does to this run: every connection drops (commands
      // in flight fail) and the keys are gone. The shared server itself keeps running.
      main.drop();
      for (const subscriber of subscribers) subscriber.disconnect(true);
      await main.call(['DEL', ...names.map(key)]);
    },
    close() {
      main.close();
      for (const subscriber of subscribers) subscriber.disconnect();
    },
  };
}

/**
 * The engine deletes a race's cache and lock when the race ends and drops a failure (lib/sim has no
 * logger; the race is over by then): the keys would stay until their TTLs run out. Said here, once.
 */
export function loggingCleanUp(redis: SimRedis, context: Record<string, unknown>): SimRedis {
  const del: SimRedis['del'] = (...names) =>
    redis.del(...names).catch((error: unknown) => {
      // Only the clean-up deletes locks with DEL (every key's, in a many-keys race); the delete-key
      // fault deletes cache keys only, and its failure reaches the teacher.
      if (names.some((name) => name.endsWith(':lock'))) logFailure("deleting a finished race's keys", context)(error);
      throw error;
    });
  return { ...redis, del };
}
