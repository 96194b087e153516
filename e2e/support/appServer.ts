import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../lib/server/embedded/freePort';
import { startServerProcess } from '../../scripts/serverProcess';
import { setTimeout as sleep } from 'node:timers/promises';

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/** A second instance of the built app, pointed at a Redis the test controls, with any extra settings. */
export async function startAppServer(redisUrl: string, env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const child: ChildProcess = startServerProcess({ port, host: '127.0.0.1', env: { ...env, REDIS_URL: redisUrl }, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i += 1) {
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      await sleep(100);
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}
