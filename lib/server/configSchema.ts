export interface RedisEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls: boolean;
}

export interface AppConfig {
  redis: RedisEndpoint;
  redisUrl: string;
  /** Set by `npm start` for its own Redis, which it starts again whenever it exits. */
  redisSupervised: boolean;
}

export class ConfigError extends Error {}

/** Parses `redis://[user:pass@]host:port[/db]` (or `rediss://` for TLS). */
export function parseRedisUrl(raw: string): RedisEndpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`REDIS_URL is not a URL: "${raw}". Expected redis://host:port, e.g. redis://127.0.0.1:6379.`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`REDIS_URL must start with redis:// or rediss://, got "${url.protocol}//".`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new ConfigError(`REDIS_URL names database "${url.pathname.slice(1)}", which is not a number.`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db,
    tls: url.protocol === 'rediss:',
  };
}

export function readConfig(env: Record<string, string | undefined>): AppConfig {
  const redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    throw new ConfigError('REDIS_URL is not set. Start the app with `npm start`, which runs a private Redis, or set REDIS_URL=redis://host:port.');
  }
  return { redis: parseRedisUrl(redisUrl), redisUrl, redisSupervised: env.REDIS_SUPERVISED === 'yes' };
}
