import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { settings } from '../config';
import { ConsoleConnection } from '../redis/consoleConnection';
import { claimDataDir } from './dataDirLock';
import { freePort } from './freePort';
import { memoryArgs } from './memoryCeiling';
import { killWhenParentDies } from './orphanGuard';
import { setTimeout as sleep } from 'node:timers/promises';

export class MissingRedisServerError extends Error {
  constructor(binary: string) {
    super(
      `Cannot start Redis: "${binary}" was not found. Either install it (Debian/Ubuntu: apt-get install redis-server, ` +
        'macOS: brew install redis) or set REDIS_URL=redis://host:port to use a Redis you already run.',
    );
  }
}

export interface EmbeddedRedis {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface EmbeddedRedisOptions {
  binary?: string;
  /**
   * Keep the data in an append-only file in this directory, so a restart loses nothing; the
   * directory is claimed, so a second server cannot share it. Omitted: a fresh temp dir without
   * persistence, removed on stop, which is what tests and benchmarks want.
   */
  persistIn?: string;
  extraArgs?: string[];
  /** A fixed port, e.g. to bring a stopped server back where the app expects it. */
  port?: number;
}

const START_TIMEOUT_MS = 10_000;
/** Redis answers LOADING until it has replayed its append-only file, which grows with the workshop. */
const LOAD_TIMEOUT_MS = 120_000;

async function answersPing(port: number): Promise<boolean> {
  const probe = new ConsoleConnection({ host: '127.0.0.1', port, db: 0, tls: false }, 1_000);
  try {
    const [pong] = await probe.send([[Buffer.from('PING')]]);
    return pong?.reply.type === 'status' && pong.reply.value === 'PONG';
  } catch {
    return false;
  } finally {
    probe.close();
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * A private redis-server on a free loopback port: the default when REDIS_URL is unset (`npm start`
 * keeps its data in DATA_DIR), and the ephemeral server every test talks to.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const binary = options.binary ?? settings().redisServerBin;
  const { persistIn } = options;
  // A bad REDIS_MAXMEMORY_MB stops here, before a data dir is claimed or a server spawned.
  const memory = memoryArgs();
  if (persistIn) mkdirSync(persistIn, { recursive: true });
  const claim = persistIn ? await claimDataDir(persistIn) : undefined;
  const dir = persistIn ?? mkdtempSync(path.join(tmpdir(), 'stampede-redis-'));
  const port = options.port ?? (await freePort());
  const startTimeoutMs = persistIn ? LOAD_TIMEOUT_MS : START_TIMEOUT_MS;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    persistIn ? 'yes' : 'no',
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
    '--notify-keyspace-events',
    'KEA',
    ...memory,
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const releaseGuard = child.pid ? killWhenParentDies(child.pid) : () => undefined;
  if (child.pid) claim?.recordServer(child.pid);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new MissingRedisServerError(binary) : error)),
  );

  const stop = async () => {
    releaseGuard();
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM lets Redis flush and fsync its append-only file; SIGKILL would lose the last second.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), persistIn ? 10_000 : 3_000);
      await exited(child);
      clearTimeout(killer);
    }
    if (claim) claim.release();
    else rmSync(dir, { recursive: true, force: true });
  };

  const ready = (async () => {
    const deadline = Date.now() + startTimeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${stderr.trim() || `code ${child.exitCode}`}`);
      if (await answersPing(port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer PING within ${startTimeoutMs / 1000} s.`);
  })();

  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, process: child, stop };
}
