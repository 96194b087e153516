import 'server-only';
import { createHash } from 'node:crypto';
import type { RedisClient } from './topology';

/** A Lua script sent by its SHA1 after the first call, with replies kept as Buffers. */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: RedisClient, keys: (string | Buffer)[], args: (string | Buffer | number)[] = []): Promise<unknown> {
    try {
      return await redis.callBuffer('EVALSHA', this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.callBuffer('EVAL', this.source, keys.length, ...keys, ...args);
    }
  }
}
