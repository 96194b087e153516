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

export interface AppConfig {
  /** The Redis; on a cluster, its first seed node, with the credentials and TLS every node shares. */
  redis: RedisEndpoint;
  /** Set when REDIS_CLUSTER_NODES names a Redis Cluster: the seed nodes the cluster client starts from. */
  clusterNodes?: NodeAddress[];
  /** Set by `npm start` for its own Redis, which it starts again whenever it exits. */
  redisSupervised: boolean;
}

export class ConfigError extends Error {}

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
  const entries = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
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
  return { redis: parseRedisUrl(redisUrl), redisSupervised: env.REDIS_SUPERVISED === 'yes' };
}
