import { accessSync, constants, statSync } from 'node:fs';
import { z } from 'zod';

export interface RedisEndpoint {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
  tls: boolean;
}

export interface NodeAddress {
  host: string;
  port: number;
}

export interface AppConfig extends Settings {
  /** The Redis; on a cluster, its first seed node, with the credentials and TLS every node shares. */
  redis: RedisEndpoint;
  /** Set when REDIS_CLUSTER_NODES names a Redis Cluster: the seed nodes the cluster client starts from. */
  clusterNodes?: NodeAddress[];
  /** Set by `npm start` for its own Redis, which it starts again whenever it exits. */
  redisSupervised: boolean;
}

export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting but the Redis to use, which `npm start` may yet have to start. */
export interface Settings {
  port: number;
  host: string;
  dataDir: string;
  /** `REDIS_PERSIST`: the private Redis keeps an append-only file. */
  redisPersist: boolean;
  /** The private Redis's ceiling in MB; unset, a quarter of the machine. */
  redisMaxMemoryMb?: number;
  redisServerBin: string;
  redisCliBin: string;
  sessionSecret?: string;
  sessionMaxKeys: number;
  sessionMaxMemoryMb: number;
  commandsPer10s: number;
  sessionIdleMinutes: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Unset: GET /metrics answers 404. */
  metricsToken?: string;
  /** A folder of Markdown lessons loaded beside the built-in ones; unset, there are none. */
  lessonsDir?: string;
}

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) => z.string().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));
const yesNo = z.enum(['yes', 'no']);

/** A folder that exists and that this process may list and read. */
function isReadableFolder(dir: string): boolean {
  try {
    accessSync(dir, constants.R_OK | constants.X_OK);
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Each variable's schema, and what it accepts in words, for the one sentence a bad value gets. */
const SETTINGS = {
  PORT: [wholeNumber(1, 65_535), 'a whole number from 1 to 65535, e.g. PORT=3000'],
  HOST: [z.string(), 'an interface to listen on, e.g. HOST=127.0.0.1'],
  DATA_DIR: [z.string(), 'a directory, e.g. DATA_DIR=.data'],
  REDIS_PERSIST: [yesNo, '"yes" or "no"'],
  REDIS_SUPERVISED: [yesNo, '"yes" or "no"'],
  REDIS_MAXMEMORY_MB: [wholeNumber(64), 'a whole number of megabytes of 64 or more, e.g. REDIS_MAXMEMORY_MB=4096'],
  REDIS_SERVER_BIN: [z.string(), 'a path to redis-server'],
  REDIS_CLI_BIN: [z.string(), 'a path to redis-cli'],
  SESSION_SECRET: [z.string(), 'any text'],
  SESSION_MAX_KEYS: [wholeNumber(1), 'a whole number of 1 or more, e.g. SESSION_MAX_KEYS=1000'],
  SESSION_MAX_MEMORY_MB: [
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .pipe(z.number().positive()),
    'a number of megabytes above 0, e.g. SESSION_MAX_MEMORY_MB=8',
  ],
  COMMANDS_PER_10S: [wholeNumber(1), 'a whole number of 1 or more, e.g. COMMANDS_PER_10S=5000'],
  SESSION_IDLE_MINUTES: [wholeNumber(1), 'a whole number of minutes of 1 or more, e.g. SESSION_IDLE_MINUTES=1440'],
  LOG_LEVEL: [z.enum(LOG_LEVELS), `one of ${LOG_LEVELS.join(', ')}`],
  LESSONS_DIR: [z.string().refine(isReadableFolder), 'a folder that exists and the app may read, holding .md lessons, e.g. LESSONS_DIR=./lessons'],
  METRICS_TOKEN: [z.string().min(16), 'a token of at least 16 characters, e.g. METRICS_TOKEN=$(openssl rand -hex 24)'],
} as const satisfies Record<string, readonly [z.ZodType<unknown, string>, string]>;

type SettingName = keyof typeof SETTINGS;
type Parsed<N extends SettingName> = z.output<(typeof SETTINGS)[N][0]>;
/** Secrets are never repeated back, not even in the sentence that refuses them. */
const SECRET: ReadonlySet<SettingName> = new Set(['SESSION_SECRET', 'METRICS_TOKEN']);

/** One variable, checked against its schema; unset or empty is undefined. */
export function parseSetting<N extends SettingName>(name: N, raw: string | undefined): Parsed<N> | undefined {
  if (raw === undefined || raw === '') return undefined;
  const [schema, accepts] = SETTINGS[name];
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data as Parsed<N>;
  const shown = SECRET.has(name) ? `${raw.length} characters long` : `"${raw}"`;
  throw new ConfigError(`${name} is ${shown}; it takes ${accepts}.`);
}

/** Every setting, checked at once; the first bad one throws its sentence. */
export function readSettings(env: Record<string, string | undefined>): Settings {
  const get = <N extends SettingName>(name: N) => parseSetting(name, env[name]);
  return {
    port: get('PORT') ?? 3000,
    host: get('HOST') ?? '0.0.0.0',
    dataDir: get('DATA_DIR') ?? '.data',
    redisPersist: (get('REDIS_PERSIST') ?? 'yes') === 'yes',
    redisMaxMemoryMb: get('REDIS_MAXMEMORY_MB'),
    redisServerBin: get('REDIS_SERVER_BIN') ?? 'redis-server',
    redisCliBin: get('REDIS_CLI_BIN') ?? 'redis-cli',
    sessionSecret: get('SESSION_SECRET'),
    sessionMaxKeys: get('SESSION_MAX_KEYS') ?? 1_000,
    sessionMaxMemoryMb: get('SESSION_MAX_MEMORY_MB') ?? 8,
    commandsPer10s: get('COMMANDS_PER_10S') ?? 5_000,
    sessionIdleMinutes: get('SESSION_IDLE_MINUTES') ?? 24 * 60,
    logLevel: get('LOG_LEVEL') ?? 'info',
    metricsToken: get('METRICS_TOKEN'),
    lessonsDir: get('LESSONS_DIR'),
  };
}

/** The names readSettings reads, so a cache can tell when the environment changed. */
export const SETTING_NAMES = [...Object.keys(SETTINGS), 'REDIS_URL', 'REDIS_CLUSTER_NODES'];

/** Parses `redis://[user:pass@]host:port[/db]` (or `rediss://` for TLS). */
export function parseRedisUrl(raw: string, variable = 'REDIS_URL'): RedisEndpoint {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${variable} is not a URL: "${raw}". Expected redis://host:port, e.g. redis://127.0.0.1:6379.`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ConfigError(`${variable} must start with redis:// or rediss://, got "${url.protocol}//".`);
  }
  const db = url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new ConfigError(`${variable} names database "${url.pathname.slice(1)}", which is not a number.`);
  return {
    host: url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db,
    tls: url.protocol === 'rediss:',
  };
}

/**
 * Parses `host:port,host:port,…`; an entry may also be a `redis[s]://user:pass@host:port` URL, for
 * a cluster that needs a password or TLS. A cluster has only database 0, and every node must be
 * reached the same way.
 */
export function parseClusterNodes(raw: string): { endpoint: RedisEndpoint; nodes: NodeAddress[] } {
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new ConfigError('REDIS_CLUSTER_NODES names no node. Expected host:port,host:port, e.g. 10.0.0.1:6379,10.0.0.2:6379.');
  const endpoints = entries.map((entry) => {
    const isUrl = entry.includes('://');
    if (!isUrl && !/^(\[[0-9a-f:.]+\]|[^:/\s[\]]+):\d+$/i.test(entry)) {
      throw new ConfigError(`REDIS_CLUSTER_NODES has "${entry}", which is not host:port. Expected host:port,host:port, e.g. 10.0.0.1:6379,10.0.0.2:6379.`);
    }
    return parseRedisUrl(isUrl ? entry : `redis://${entry}`, 'REDIS_CLUSTER_NODES');
  });
  const first = endpoints[0]!;
  if (endpoints.some((e) => e.db !== 0)) throw new ConfigError('REDIS_CLUSTER_NODES names a database; a Redis Cluster has only database 0.');
  if (endpoints.some((e) => e.username !== first.username || e.password !== first.password || e.tls !== first.tls)) {
    throw new ConfigError('REDIS_CLUSTER_NODES gives its nodes different credentials or TLS settings; every node of a cluster is reached the same way.');
  }
  return { endpoint: first, nodes: endpoints.map(({ host, port }) => ({ host, port })) };
}

export function readConfig(env: Record<string, string | undefined>): AppConfig {
  const settings = readSettings(env);
  return { ...settings, ...readRedis(env) };
}

/** Which Redis to use: REDIS_URL, or REDIS_CLUSTER_NODES for a cluster. */
export function readRedis(env: Record<string, string | undefined>): Pick<AppConfig, 'redis' | 'clusterNodes' | 'redisSupervised'> {
  const { REDIS_URL: redisUrl, REDIS_CLUSTER_NODES: clusterNodes } = env;
  if (redisUrl && clusterNodes) {
    throw new ConfigError('Both REDIS_URL and REDIS_CLUSTER_NODES are set. Set REDIS_URL for one Redis, or REDIS_CLUSTER_NODES for a Redis Cluster, not both.');
  }
  if (clusterNodes) {
    const { endpoint, nodes } = parseClusterNodes(clusterNodes);
    return { redis: endpoint, clusterNodes: nodes, redisSupervised: false };
  }
  if (!redisUrl) {
    throw new ConfigError(
      'REDIS_URL is not set. Start the app with `npm start`, which runs a private Redis, or set REDIS_URL=redis://host:port (REDIS_CLUSTER_NODES=host:port,… for a Redis Cluster).',
    );
  }
  return { redis: parseRedisUrl(redisUrl), redisSupervised: parseSetting('REDIS_SUPERVISED', env.REDIS_SUPERVISED) === 'yes' };
}
