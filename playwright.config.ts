import { createHash } from 'node:crypto';
import { defineConfig, type LaunchOptions, type PlaywrightTestConfig } from '@playwright/test';

// Next's telemetry would try to reach the internet; the playground runs in rooms without it.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

// Playwright reads this file in more than one process, so the port must come out the same in each:
// it is derived from the checkout's path, which also keeps two checkouts from colliding.
const port = process.env.E2E_PORT ?? String(30_000 + (createHash('sha1').update(__dirname).digest().readUInt16BE(0) % 20_000));
const baseURL = `http://127.0.0.1:${port}`;

/**
 * The browser the tests and the benchmarks launch, with the flags this machine's Chromium needs: no
 * sandbox as root, and no calls to Google's services.
 */
export const CHROMIUM: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** What this run and the cluster's (playwright.cluster.config.ts) share. */
export const SHARED = {
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // A `test.only` left in a spec would quietly skip every other test in CI.
  forbidOnly: !!process.env.CI,
  // Pages with the editor load Monaco afresh in every context (see Playground.open), and two browsers
  // and the app share the machine's cores.
  timeout: 120_000,
  use: { trace: 'retain-on-failure', launchOptions: CHROMIUM },
} satisfies PlaywrightTestConfig;

export default defineConfig({
  ...SHARED,
  testDir: 'e2e',
  // Those need a Redis Cluster and two app instances: `npm run test:cluster` (playwright.cluster.config.ts).
  testIgnore: 'cluster/**',
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { ...SHARED.use, baseURL },
  webServer: {
    // The app as a learner starts it: a production build with its own private redis-server.
    command: 'npx tsx scripts/start.ts',
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    // Each run starts from an empty Redis; only the restart spec keeps data, in its own DATA_DIR.
    env: { PORT: port, HOST: '127.0.0.1', REDIS_URL: '', REDIS_PERSIST: 'no', DATA_DIR: '.data/e2e' },
  },
});
