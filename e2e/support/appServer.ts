import type { ChildProcess } from 'node:child_process';
import { freePort } from '../../lib/server/embedded/freePort';
import { stopChild, waitUntilServing } from '../../scripts/children';
import { startServerProcess } from '../../scripts/serverProcess';

export interface AppServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A second instance of the built app, pointed at a Redis the test controls, with any extra settings.
 * `onOutput` receives what it writes to stdout (its log lines), for a test that reads the log.
 */
export async function startAppServer(redisUrl: string, env: Record<string, string> = {}, onOutput?: (text: string) => void): Promise<AppServer> {
  const port = await freePort();
  const child: ChildProcess = startServerProcess({
    port,
    host: '127.0.0.1',
    env: { ...env, REDIS_URL: redisUrl },
    stdio: onOutput ? ['ignore', 'pipe', 'ignore'] : 'ignore',
  });
  child.stdout?.on('data', (chunk: Buffer) => onOutput?.(chunk.toString('utf8')));
  const url = `http://127.0.0.1:${port}`;
  // Any answer will do, 503 included: some tests start it against a Redis that is not there.
  await waitUntilServing(`${url}/api/health`, child, () => true);
  return { url, stop: () => stopChild(child) };
}
