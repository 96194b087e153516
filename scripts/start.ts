import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, readRedis, readSettings, type Settings } from '../lib/server/configSchema';
import { DataDirInUseError } from '../lib/server/embedded/dataDirLock';
import { killWhenParentDies } from '../lib/server/embedded/orphanGuard';
import { MissingRedisServerError } from '../lib/server/embedded/redisServer';
import { superviseEmbeddedRedis, type SupervisedRedis } from '../lib/server/embedded/supervisedRedis';
import { buildIfStale } from './buildIfStale';
import { Exit, stopChild, waitUntilServing } from './children';
import { SERVER_NODE_FLAGS } from './serverFlags';
import { startServerProcess } from './serverProcess';

const root = path.resolve(__dirname, '..');
const dev = process.argv.includes('--dev');

/**
 * Every setting, checked before anything starts or touches Redis: a bad one stops here with its
 * sentence. The app server checks them again itself, for whoever starts it without this script.
 */
function checkedSettings(): { settings: Settings; given?: ReturnType<typeof readRedis> } {
  try {
    const settings = readSettings(process.env);
    // Unset, the private Redis is started below; set, it is checked now.
    const given = process.env.REDIS_URL || process.env.REDIS_CLUSTER_NODES ? readRedis(process.env) : undefined;
    return { settings, given };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const { settings, given } = checkedSettings();
const { port, host } = settings;
const dataDir = path.resolve(root, settings.dataDir);

/** Sessions outlive a restart because their signing key is kept in the data dir. */
function persistentSecret(): string {
  if (settings.sessionSecret) return settings.sessionSecret;
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** What is running, so that any way out (signal, orphaning, a child exiting) stops all of it: the app, then Redis. */
const running: { redis?: SupervisedRedis; child?: ChildProcess } = {};
const exit = new Exit(async () => {
  if (running.child) await stopChild(running.child);
  await running.redis?.stop();
});

async function main() {
  // Redis first: a missing redis-server or a wrong setting should not cost a build before saying so.
  // `REDIS_PERSIST=no` keeps the private Redis in a temp dir instead.
  const persistIn = settings.redisPersist ? path.join(dataDir, 'redis') : undefined;
  if (!given) {
    try {
      running.redis = await superviseEmbeddedRedis({ persistIn }, (message) => console.error(message));
    } catch (error) {
      const known = error instanceof MissingRedisServerError || error instanceof DataDirInUseError;
      console.error(known ? error.message : `Cannot start Redis: ${(error as Error).message}`);
      process.exit(1);
    }
  }
  if (!dev && !(await buildIfStale(root, (build) => (running.child = build)))) await exit.stop(1);
  if (exit.started) return;

  // REDIS_SUPERVISED: this process brings its Redis back after a SHUTDOWN NOSAVE, the app's last
  // resort against a script Redis cannot kill. A Redis given by REDIS_URL or REDIS_CLUSTER_NODES
  // reaches the app through the environment it inherits.
  const env = { SESSION_SECRET: persistentSecret(), ...(running.redis && { REDIS_URL: running.redis.url, REDIS_SUPERVISED: 'yes' }) };
  const app = dev
    ? spawn(process.execPath, [...SERVER_NODE_FLAGS, require.resolve('next/dist/bin/next'), 'dev', '-p', String(port), '-H', host], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, ...env },
      })
    : startServerProcess({ port, host, env });
  running.child = app;
  if (app.pid) killWhenParentDies(app.pid);
  app.on('exit', (code) => void exit.stop(code ?? 1));

  const anyInterface = host === '0.0.0.0' || host === '::';
  const shown = anyInterface ? 'localhost' : host;
  // 503 is an answer too: the app is up and says Redis is not (yet) reachable.
  const answers = (response: Response) => response.status < 500 || response.status === 503;
  if (await waitUntilServing(`http://${anyInterface ? '127.0.0.1' : host}:${port}/api/health`, app, answers)) {
    const shownDir = persistIn?.startsWith(root + path.sep) ? path.relative(root, persistIn) : persistIn;
    const kept = shownDir ? `, data in ${shownDir}` : ', data not kept';
    // Host and port only: a password in REDIS_URL is not printed.
    const nodes = given?.clusterNodes
      ? `the Redis Cluster ${given.clusterNodes.map((node) => `${node.host}:${node.port}`).join(',')}`
      : `${given?.redis.host}:${given?.redis.port}`;
    const where = running.redis ? `a private redis-server on 127.0.0.1:${running.redis.port}${kept}` : nodes;
    console.log(`\nStampede Lab is running on http://${shown}:${port} (Redis: ${where}). Ctrl-C stops it.`);
  }
}

void main();
