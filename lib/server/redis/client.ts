import 'server-only';
import Redis, { type RedisOptions } from 'ioredis';
import { config } from '../config';

/** Where and as whom to connect, from REDIS_URL, in RESP2 like every other connection of the app. */
export function connectionOptions(): RedisOptions {
  const { redis } = config();
  return {
    host: redis.host,
    port: redis.port,
    username: redis.username,
    password: redis.password,
    db: redis.db,
    tls: redis.tls ? {} : undefined,
    protocol: 2,
  };
}

const globalForRedis = globalThis as unknown as { stampedeRedis?: Redis };

/**
 * The app's own ioredis connection (metadata, health, snapshots). One per process, kept on
 * globalThis so hot reload in development does not leak connections.
 */
export function appRedis(): Redis {
  if (!globalForRedis.stampedeRedis) {
    globalForRedis.stampedeRedis = new Redis({
      ...connectionOptions(),
      // While Redis is down a command waits for one reconnect attempt at most, then fails, so the
      // API answers 503 within about a second instead of hanging.
      maxRetriesPerRequest: 1,
      commandTimeout: 5_000,
      connectTimeout: 2_000,
      retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
      lazyConnect: false,
    });
    // ioredis reconnects by itself; errors surface through command failures and /api/health.
    globalForRedis.stampedeRedis.on('error', () => undefined);
  }
  return globalForRedis.stampedeRedis;
}

/** Another connection like the app's, which reconnects by itself and reports trouble through failed commands. */
export function quietDuplicate(options: Parameters<Redis['duplicate']>[0] = {}): Redis {
  const connection = appRedis().duplicate(options);
  connection.on('error', () => undefined);
  return connection;
}

/** A subscriber must keep trying while Redis is away, where the app client fails fast instead. */
export const subscriberConnection = () => quietDuplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
