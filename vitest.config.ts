import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** What the suites that talk to Redis need: one real redis-server for the run, and its URL in the environment. */
export const redisSetup = {
  globalSetup: ['tests/support/globalRedis.ts'],
  setupFiles: ['tests/support/redisEnv.ts'],
};

/**
 * Two projects: `unit` (pure modules beside their code and the lint rules' tests, no Redis;
 * `npm run test:unit`) and
 * `integration` (the integration and adversarial suites against a real redis-server).
 * `vitest run` and `npm test` run both. tests/cluster needs a Redis Cluster:
 * `npm run test:cluster` runs it (vitest.cluster.config.ts).
 */
export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // The marker package throws outside a React Server bundle; tests import server modules directly.
      'server-only': path.resolve(__dirname, 'tests/support/empty.ts'),
    },
  },
  test: {
    testTimeout: 15_000,
    hookTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'tests/lint/**/*.test.ts'] } },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts', 'tests/adversarial/**/*.test.ts'], ...redisSetup } },
    ],
  },
});
