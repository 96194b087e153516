import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConsoleConnection } from '../redis/consoleConnection';
import { freePort } from './freePort';
import { killWhenParentDies } from './orphanGuard';

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
  /** Directory for the server's files; a fresh temp dir (removed on stop) when omitted. */
  dir?: string;
  extraArgs?: string[];
  /** A fixed port, e.g. to bring a stopped server back where the app expects it. */
  port?: number;
}

const START_TIMEOUT_MS = 10_000;

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
 * A private redis-server on a free loopback port with no persistence: the default when REDIS_URL
 * is unset, and the server every test talks to.
 */
export async function startEmbeddedRedis(options: EmbeddedRedisOptions = {}): Promise<EmbeddedRedis> {
  const binary = options.binary ?? process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'stampede-redis-'));
  const port = options.port ?? (await freePort());
  const args = [
    '--port', String(port),
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--save', '',
    '--appendonly', 'no',
    '--daemonize', 'no',
    '--loglevel', 'warning',
    '--notify-keyspace-events', 'KEA',
    ...(options.extraArgs ?? []),
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const releaseGuard = child.pid ? killWhenParentDies(child.pid) : () => undefined;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new MissingRedisServerError(binary) : error),
    ),
  );

  const stop = async () => {
    releaseGuard();
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited(child);
      clearTimeout(killer);
    }
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };

  const ready = (async () => {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited at start: ${stderr.trim() || `code ${child.exitCode}`}`);
      if (await answersPing(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not answer PING within ${START_TIMEOUT_MS / 1000} s.`);
  })();

  try {
    await Promise.race([ready, spawnError]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, process: child, stop };
}
