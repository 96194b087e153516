import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../lib/server/embedded/freePort';
import { killWhenParentDies } from '../lib/server/embedded/orphanGuard';
import { startEmbeddedCluster, type EmbeddedCluster } from '../lib/server/embedded/redisCluster';
import { buildIfStale } from './buildIfStale';
import { Exit, stopChild, waitUntilServing } from './children';
import { startServerProcess } from './serverProcess';

/**
 * `npm run test:cluster`: a private Redis Cluster (3 primaries, no replicas) on free loopback
 * ports; the integration suite against it; then two instances of the built app against it and
 * end-to-end tests across both. Stops everything it started however it ends (failure, Ctrl-C,
 * SIGTERM, its parent dying), and ends with one "N passed, N failed" line.
 */
const root = path.resolve(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const results = path.join(root, 'test-results');
const UNIT_REPORT = path.join(results, 'cluster-unit.json');
const E2E_REPORT = path.join(results, 'cluster-e2e.json');

const running: { cluster?: EmbeddedCluster; children: ChildProcess[] } = { children: [] };
const exit = new Exit(async () => {
  await Promise.all(running.children.map(stopChild));
  await running.cluster?.stop();
});

/** Keeps a child to stop with the rest, and ends it should this process die first. */
function track(child: ChildProcess): ChildProcess {
  running.children.push(child);
  // Released once the child is gone: its pid may be reused, and the guard must not end a stranger.
  if (child.pid) child.once('exit', killWhenParentDies(child.pid));
  return child;
}

/** Runs a child in the foreground. */
const start = (command: string, args: string[], env: NodeJS.ProcessEnv) => track(spawn(command, args, { cwd: root, env, stdio: 'inherit' }));

const exitOf = (child: ChildProcess) => new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));

/** An instance of the built app as `npm start` serves it, with its output in a log to read after a failure. */
async function startApp(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const port = await freePort();
  const log = path.join(results, `cluster-app-${name}.log`);
  const output = openSync(log, 'w');
  const app = track(startServerProcess({ port, host: '127.0.0.1', env, stdio: ['ignore', output, output] }));
  const url = `http://127.0.0.1:${port}`;
  if (await waitUntilServing(`${url}/api/health`, app)) return url;
  throw new Error(`App instance ${name} did not become healthy; see ${path.relative(root, log)}.`);
}

function count(report: string, read: (json: never) => { passed: number; failed: number }): { passed: number; failed: number } | undefined {
  return existsSync(report) ? read(JSON.parse(readFileSync(report, 'utf8')) as never) : undefined;
}

async function main() {
  mkdirSync(results, { recursive: true });
  rmSync(UNIT_REPORT, { force: true });
  rmSync(E2E_REPORT, { force: true });

  console.log('\n▶ a Redis Cluster of 3 primaries');
  running.cluster = await startEmbeddedCluster(3);
  // REDIS_URL excludes REDIS_CLUSTER_NODES; undefined leaves it out of every child's environment.
  const env = { ...process.env, REDIS_URL: undefined, REDIS_CLUSTER_NODES: running.cluster.seeds, NEXT_TELEMETRY_DISABLED: '1' };
  console.log(`  REDIS_CLUSTER_NODES=${running.cluster.seeds}`);

  let passed = 0;
  let failed = 0;
  const tally = (step: string, code: number, counted?: { passed: number; failed: number }) => {
    passed += counted?.passed ?? 0;
    failed += counted?.failed ?? (code === 0 ? 0 : 1);
    if (code !== 0) console.error(`✖ ${step} failed.`);
  };

  console.log('\n▶ integration tests on the cluster');
  const unitArgs = ['run', '-c', 'vitest.cluster.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_REPORT}`];
  const unitCode = await exitOf(start(bin('vitest'), unitArgs, env));
  // A signal stops the run: nothing new starts while stop() ends what is running.
  if (exit.started) return;
  tally(
    'integration tests on the cluster',
    unitCode,
    count(UNIT_REPORT, (r: { numPassedTests: number; numFailedTests: number }) => ({ passed: r.numPassedTests, failed: r.numFailedTests })),
  );

  console.log('\n▶ two app instances on the cluster, end-to-end tests across them');
  const built = await buildIfStale(root, (build) => running.children.push(build));
  if (exit.started) return;
  if (!built) {
    tally('build', 1);
  } else {
    // Every instance must sign cookies with the same secret, or a session would not survive a hop.
    const appEnv = { ...env, SESSION_SECRET: randomBytes(32).toString('base64url') };
    const [a, b] = await Promise.all([startApp('A', appEnv), startApp('B', appEnv)]);
    if (exit.started) return;
    console.log(`  instance A ${a}, instance B ${b} (their output: test-results/cluster-app-{A,B}.log)`);
    const e2eCode = await exitOf(start(bin('playwright'), ['test', '-c', 'playwright.cluster.config.ts'], { ...env, CLUSTER_APP_A: a, CLUSTER_APP_B: b }));
    tally(
      'end-to-end tests across instances',
      e2eCode,
      count(E2E_REPORT, (r: { stats: { expected: number; unexpected: number; flaky: number } }) => ({
        passed: r.stats.expected + r.stats.flaky,
        failed: r.stats.unexpected,
      })),
    );
  }

  console.log(`\n${passed} passed, ${failed} failed`);
  await exit.stop(failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
  console.log('\n0 passed, 1 failed');
  void exit.stop(1);
});
