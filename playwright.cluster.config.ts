import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './playwright.config';

/**
 * End-to-end tests across two app instances on one Redis Cluster. `npm run test:cluster` starts
 * the cluster and both instances and passes their URLs (CLUSTER_APP_A, CLUSTER_APP_B); the
 * browser opens pages on B.
 */
export default defineConfig({
  testDir: 'e2e/cluster',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // A `test.only` left in a spec would quietly skip every other test in CI.
  forbidOnly: !!process.env.CI,
  // As playwright.config.ts: two browsers and the apps share the machine's cores.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/cluster-e2e.json' }]],
  // Playwright empties its output dir when it starts: its own, so the app instances' logs beside it stay.
  outputDir: 'test-results/cluster-e2e',
  use: {
    baseURL: process.env.CLUSTER_APP_B,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
