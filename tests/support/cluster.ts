import type Redis from 'ioredis';
import type { Cluster } from 'ioredis';
import { appRedis } from '@/lib/server/redis/client';
import { isCluster, ownerOf, primaries } from '@/lib/server/redis/topology';

/** The app's own cluster client; these tests run only under `npm run test:cluster`. */
export function clusterClient(): Cluster {
  const redis = appRedis();
  if (!isCluster(redis)) throw new Error('tests/cluster need REDIS_CLUSTER_NODES; run them with `npm run test:cluster`.');
  return redis;
}

/**
 * Moves one slot to another primary the way `redis-cli --cluster reshard` does: mark it importing
 * and migrating, MIGRATE its keys, then hand it over. `halfway` runs while the slot is migrating.
 * Answers the new owner.
 */
export async function moveSlot(slot: number, halfway: () => Promise<void> = async () => undefined): Promise<Redis> {
  const cluster = clusterClient();
  const source = await ownerOf(cluster, slot);
  const nodes = await primaries(cluster);
  const target = nodes.find((node) => node !== source)!;
  const [sourceId, targetId] = (await Promise.all([source.call('CLUSTER', 'MYID'), target.call('CLUSTER', 'MYID')])) as string[];
  await target.call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', sourceId!);
  await source.call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId!);
  await halfway();
  for (;;) {
    const keys = (await source.call('CLUSTER', 'GETKEYSINSLOT', slot, 100)) as string[];
    if (keys.length === 0) break;
    await source.call('MIGRATE', target.options.host!, target.options.port!, '', 0, 5_000, 'KEYS', ...keys);
  }
  // The new owner first, then the old one, so no node ever sends clients back and forth.
  for (const node of [target, source, ...nodes.filter((n) => n !== source && n !== target)]) await node.call('CLUSTER', 'SETSLOT', slot, 'NODE', targetId!);
  return target;
}
