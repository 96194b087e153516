import 'server-only';
import Redis, { Cluster, type ClusterOptions, type RedisOptions } from 'ioredis';
import { config } from '../config';
import type { NodeAddress, RedisEndpoint } from '../configSchema';
import { isCluster, ownerAddress, type RedisClient } from './topology';
import { recordRedisLost, recordRedisReconnect } from '../metrics/record';
import { processGlobal } from '../processGlobal';

/** Where and as whom to connect (REDIS_URL, or the first of REDIS_CLUSTER_NODES), in RESP2 like every other connection of the app. */
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

/**
 * A connection with these options to the configured Redis: one socket, or on a cluster an ioredis
 * Cluster that routes each command to the node owning its keys' slot. The per-connection options
 * that ioredis takes at the cluster level (reconnecting, the offline queue) are moved there.
 */
function newConnection(options: RedisOptions = {}, clusterOptions: ClusterOptions = {}): RedisClient {
  const { clusterNodes } = config();
  if (!clusterNodes) return new Redis({ ...connectionOptions(), ...options });
  const { retryStrategy, enableOfflineQueue, host: _host, port: _port, db: _db, ...perNode } = { ...connectionOptions(), ...options };
  return new Cluster(clusterNodes, { redisOptions: perNode, clusterRetryStrategy: retryStrategy, enableOfflineQueue, ...clusterOptions });
}

/** A single connection to one node of the cluster (or to the one Redis), as the app's user. */
export function nodeConnection(node: NodeAddress, options: RedisOptions = {}): Redis {
  return new Redis({ ...connectionOptions(), ...options, host: node.host, port: node.port });
}

/** Where the primary that owns a slot listens (the one Redis, or the cluster node), as the app's user. */
export async function endpointForSlot(slot: number): Promise<RedisEndpoint> {
  const redis = appRedis();
  return isCluster(redis) ? { ...config().redis, ...(await ownerAddress(redis, slot)) } : config().redis;
}

/**
 * ioredis reconnects by itself; errors surface through command failures and /api/health. An outage
 * is logged once when it starts and once when Redis is back, however many retries lie between;
 * `name` says which connection (`reconnecting` is only emitted for a connection that will retry,
 * never for one the app closed).
 */
export function quiet<T extends RedisClient>(connection: T, name = 'background'): T {
  let lost = false;
  connection.on('error', () => undefined);
  connection.on('reconnecting', () => {
    if (!lost) recordRedisLost(name);
    lost = true;
  });
  connection.on('ready', () => {
    if (lost) recordRedisReconnect(name);
    lost = false;
  });
  return connection;
}

const APP_OPTIONS: RedisOptions = {
  // While Redis is down a command waits for one reconnect attempt at most, then fails, so the
  // API answers 503 within about a second instead of hanging.
  maxRetriesPerRequest: 1,
  commandTimeout: 5_000,
  connectTimeout: 2_000,
  retryStrategy: (attempt) => Math.min(100 * attempt, 1_000),
  lazyConnect: false,
};

/** The app's own ioredis connection (metadata, health, snapshots), one per process. */
export function appRedis(): RedisClient {
  return processGlobal('redis', () => quiet(newConnection(APP_OPTIONS), 'app'));
}

/** Another connection like the app's, which reconnects by itself and reports trouble through failed commands. */
export function quietDuplicate(): RedisClient {
  return quiet(newConnection(APP_OPTIONS));
}

/** A subscriber must keep trying while Redis is away, where the app client fails fast instead. */
const SUBSCRIBER_OPTIONS: RedisOptions = { ...APP_OPTIONS, maxRetriesPerRequest: null, enableOfflineQueue: true };

/**
 * A subscriber for sharded channels (SSUBSCRIBE). On a cluster, ioredis keeps one subscriber per
 * primary and moves a channel's subscription when its slot moves.
 */
export const channelSubscriber = () => quiet(newConnection(SUBSCRIBER_OPTIONS, { shardedSubscribers: true }), 'channel subscriber');

/** A subscriber on one node, for what Redis publishes only there (keyspace notifications). */
export const nodeSubscriber = (node: NodeAddress) => quiet(nodeConnection(node, SUBSCRIBER_OPTIONS), 'keyspace subscriber');
