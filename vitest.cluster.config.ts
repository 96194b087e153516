import { defineConfig } from 'vitest/config';
import base, { redisSetup } from './vitest.config';

/**
 * The integration and adversarial suites against a Redis Cluster (REDIS_CLUSTER_NODES, set by
 * scripts/testCluster.ts), plus the cluster's own tests. Left out, because they test something a
 * cluster does not change:
 * - redisCliParity: compares with redis-cli on a scratch database 9 it flushes; a cluster has only
 *   database 0, and the text of a reply does not depend on where it came from.
 * - pollMode and startScript: they start their own single redis-server (one without CONFIG, one
 *   `npm start` runs) and never touch the cluster.
 * - pipelinedConnection: the race's connection class against one server (REDIS_URL); on a cluster
 *   a race opens it to its slot's primary, which the race tests here cover.
 * - amplifiers: reads only Redis's command metadata, which a cluster does not change.
 */
export default defineConfig({
  ...base,
  test: {
    testTimeout: base.test?.testTimeout,
    hookTimeout: base.test?.hookTimeout,
    ...redisSetup,
    include: ['tests/integration/**/*.test.ts', 'tests/adversarial/**/*.test.ts', 'tests/cluster/**/*.test.ts'],
    exclude: [
      'tests/integration/redisCliParity.test.ts',
      'tests/integration/pollMode.test.ts',
      'tests/integration/startScript.test.ts',
      'tests/integration/pipelinedConnection.test.ts',
      'tests/integration/amplifiers.test.ts',
    ],
  },
});
