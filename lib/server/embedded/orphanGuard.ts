import { spawn } from 'node:child_process';

/**
 * Ends `childPid` within a second of this process dying, however it dies (even SIGKILL, which no
 * handler sees), so a private redis-server or app server is never left behind.
 */
export function killWhenParentDies(childPid: number): () => void {
  const watcher = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -TERM ${childPid} 2>/dev/null`], {
    detached: true,
    stdio: 'ignore',
  });
  watcher.unref();
  return () => {
    if (watcher.pid) {
      try {
        process.kill(watcher.pid);
      } catch {
        // already gone
      }
    }
  };
}

/**
 * `npm start` runs us under `sh -c`, and a shell that gets SIGTERM dies without passing it on.
 * Being adopted by another parent is the sign; the caller then shuts down as for SIGTERM.
 */
export function onOrphaned(shutdown: () => void): void {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown();
  }, 1_000).unref();
}
