import type { TestProject } from 'vitest/node';
import { startEmbeddedRedis } from '@/lib/server/embedded/redisServer';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    redisPort: number;
  }
}

/** One real redis-server on a free loopback port for the whole run. */
export default async function setup(project: TestProject) {
  const redis = await startEmbeddedRedis();
  project.provide('redisUrl', redis.url);
  project.provide('redisPort', redis.port);
  return () => redis.stop();
}
