import type { TestProject } from 'vitest/node';
import { startEmbeddedRedis } from '@/lib/server/embedded/redisServer';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    redisPort: number;
    /** Set when the run is against a Redis Cluster (`npm run test:cluster`): its seed nodes. */
    redisClusterNodes: string;
  }
}

/**
 * One real redis-server on a free loopback port for the whole run, or, when REDIS_CLUSTER_NODES
 * names one (`npm run test:cluster` starts it), the Redis Cluster the app instances also use.
 */
export default async function setup(project: TestProject) {
  const clusterNodes = process.env.REDIS_CLUSTER_NODES ?? '';
  project.provide('redisClusterNodes', clusterNodes);
  if (clusterNodes) {
    project.provide('redisUrl', '');
    project.provide('redisPort', 0);
    return () => undefined;
  }
  const redis = await startEmbeddedRedis();
  project.provide('redisUrl', redis.url);
  project.provide('redisPort', redis.port);
  return () => redis.stop();
}
