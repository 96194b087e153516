import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // The marker package throws outside a React Server bundle; tests import server modules directly.
      'server-only': path.resolve(__dirname, 'tests/support/empty.ts'),
    },
  },
  test: {
    // tests/cluster needs a Redis Cluster: `npm run test:cluster` runs it (vitest.cluster.config.ts).
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'tests/lint/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/adversarial/**/*.test.ts'],
    globalSetup: ['tests/support/globalRedis.ts'],
    setupFiles: ['tests/support/redisEnv.ts'],
    testTimeout: 15_000,
    hookTimeout: 20_000,
  },
});
