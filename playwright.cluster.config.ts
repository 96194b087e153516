import { defineConfig } from '@playwright/test';
import { SHARED } from './playwright.config';

/**
 * End-to-end tests across two app instances on one Redis Cluster. `npm run test:cluster` starts
 * the cluster and both instances and passes their URLs (CLUSTER_APP_A, CLUSTER_APP_B); the
 * browser opens pages on B.
 */
export default defineConfig({
  ...SHARED,
  testDir: 'e2e/cluster',
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/cluster-e2e.json' }]],
  // Playwright empties its output dir when it starts: its own, so the app instances' logs beside it stay.
  outputDir: 'test-results/cluster-e2e',
  use: { ...SHARED.use, baseURL: process.env.CLUSTER_APP_B },
});
