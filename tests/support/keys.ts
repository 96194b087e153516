import { appRedis } from '@/lib/server/redis/client';
import { scanTargets } from '@/lib/server/redis/topology';

/** KEYS on the node(s) that hold a pattern's keys: on a cluster, KEYS sent anywhere sees one node only. */
export async function keysMatching(pattern: string): Promise<string[]> {
  const found = await Promise.all((await scanTargets(appRedis(), pattern)).map((node) => node.keys(pattern)));
  return found.flat().sort();
}
