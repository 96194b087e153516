import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { onOrphaned } from '../lib/server/embedded/orphanGuard';

const KILL_AFTER_MS = 5_000;

/** SIGTERM, then SIGKILL if the child is still there five seconds later; resolves once it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  await exited;
  clearTimeout(killer);
}

/**
 * Waits for `url` to answer as `serving` says, for up to a minute; false if the child exited first
 * or it never did. A connection refused means "not listening yet".
 */
export async function waitUntilServing(url: string, child: ChildProcess, serving: (response: Response) => boolean = (r) => r.ok): Promise<boolean> {
  for (let i = 0; i < 600 && child.exitCode === null; i += 1) {
    if (await fetch(url).then(serving, () => false)) return true;
    await sleep(100);
  }
  return false;
}

/**
 * The one way out of a launcher: a signal, this process being orphaned, or the launcher itself all
 * call `stop`, which runs `cleanup` once (stopping children, then Redis) and exits with the first code.
 */
export class Exit {
  private stopping: Promise<never> | undefined;

  constructor(private readonly cleanup: () => Promise<void>) {
    process.on('SIGINT', () => void this.stop(130));
    process.on('SIGTERM', () => void this.stop(143));
    onOrphaned(() => void this.stop(143));
  }

  /** True once stopping has begun: nothing new should start. */
  get started(): boolean {
    return this.stopping !== undefined;
  }

  stop(code: number): Promise<never> {
    this.stopping ??= this.cleanup().then(() => process.exit(code));
    return this.stopping;
  }
}
