import { inject } from 'vitest';

// lib/server reads its configuration from the environment, as in production.
if (inject('redisClusterNodes')) {
  process.env.REDIS_CLUSTER_NODES = inject('redisClusterNodes');
  delete process.env.REDIS_URL;
} else {
  process.env.REDIS_URL = inject('redisUrl');
}
