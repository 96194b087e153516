import 'server-only';
import { createHash } from 'node:crypto';
import type { RedisClient } from './topology';

/** Sends EVALSHA or EVAL with the given script body (SHA1 or source); the rest of the command is the caller's. */
export type ScriptSender<T> = (command: 'EVALSHA' | 'EVAL', body: string) => Promise<T>;

/**
 * A Lua script sent by its SHA1, and by its source only when Redis does not know it yet
 * (NOSCRIPT), which also caches it there. One fallback for every connection kind: ioredis here,
 * a race's pipelined connection in lib/server/sim.
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async send<T>(sender: ScriptSender<T>): Promise<T> {
    try {
      return await sender('EVALSHA', this.sha);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return sender('EVAL', this.source);
    }
  }

  /** Runs on an ioredis connection, with replies kept as Buffers. */
  run(redis: RedisClient, keys: (string | Buffer)[], args: (string | Buffer | number)[] = []): Promise<unknown> {
    return this.send((command, body) => redis.callBuffer(command, body, keys.length, ...keys, ...args));
  }
}
