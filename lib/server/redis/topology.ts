import 'server-only';
import type Redis from 'ioredis';
import { Cluster } from 'ioredis';
import type { NodeAddress } from '../configSchema';
import { RedisUnavailableError } from './consoleConnection';
import { slotOfPattern } from './slot';

/** The app's Redis: one server, or a Redis Cluster behind an ioredis Cluster client. */
export type RedisClient = Redis | Cluster;

const READY_TIMEOUT_MS = 5_000;

export const isCluster = (redis: RedisClient): redis is Cluster => redis instanceof Cluster;

/** Node-level questions (who owns a slot, who the primaries are) need the cluster's slot map. */
async function ready(cluster: Cluster): Promise<void> {
  if (cluster.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cluster.off('ready', onReady);
      reject(new RedisUnavailableError(new Error('the cluster did not become ready')));
    }, READY_TIMEOUT_MS);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    cluster.once('ready', onReady);
  });
}

export const addressOf = (node: Redis): NodeAddress => ({ host: node.options.host!, port: node.options.port! });
export const nodeKey = ({ host, port }: NodeAddress) => `${host}:${port}`;

/** Every primary: the one server, or each master of the cluster as ioredis knows them now. */
export async function primaries(redis: RedisClient): Promise<Redis[]> {
  if (!isCluster(redis)) return [redis];
  await ready(redis);
  return redis.nodes('master');
}

/** Runs `work` on every primary. Node-local state (ACL users, CONFIG, notifications) needs it. */
export async function onEveryPrimary<T>(redis: RedisClient, work: (node: Redis) => Promise<T>): Promise<T[]> {
  return Promise.all((await primaries(redis)).map(work));
}

/** The address of the primary that owns a slot, from the cluster client's slot map. */
export async function ownerAddress(cluster: Cluster, slot: number): Promise<NodeAddress> {
  await ready(cluster);
  const key = cluster.slots[slot]?.[0];
  if (!key) throw new RedisUnavailableError(new Error(`no node serves slot ${slot}`));
  const colon = key.lastIndexOf(':');
  return { host: key.slice(0, colon), port: Number(key.slice(colon + 1)) };
}

/** The connection that serves a slot: the server itself, or the cluster's connection to its owner. */
export async function ownerOf(redis: RedisClient, slot: number): Promise<Redis> {
  if (!isCluster(redis)) return redis;
  const key = nodeKey(await ownerAddress(redis, slot));
  const node = redis.nodes('master').find((candidate) => nodeKey(addressOf(candidate)) === key);
  if (!node) throw new RedisUnavailableError(new Error(`not connected to ${key}`));
  return node;
}

/**
 * Where a SCAN for this pattern must run: SCAN has no key, so a cluster client would send it to
 * any node. A pattern with a hash tag (every session's `sl:{ns}:*`) lives on the slot's owner;
 * any other pattern is scanned on every primary.
 */
export async function scanTargets(redis: RedisClient, pattern: string): Promise<Redis[]> {
  const slot = slotOfPattern(pattern);
  return slot === undefined ? primaries(redis) : [await ownerOf(redis, slot)];
}
