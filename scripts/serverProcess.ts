import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import { SERVER_NODE_FLAGS } from './serverFlags';

const root = path.resolve(__dirname, '..');

export interface ServerProcessOptions {
  port: number | string;
  host: string;
  /** Added to this process's environment (REDIS_URL, SESSION_SECRET, …). */
  env?: Record<string, string | undefined>;
  stdio?: StdioOptions;
  /** Node flags beside SERVER_NODE_FLAGS, such as a benchmark's --cpu-prof. */
  nodeFlags?: string[];
}

/**
 * Starts the built app as `npm start` serves it (scripts/server.ts) in a child process. Next picks
 * React's production build from NODE_ENV when it first loads React, so it is set here, before the
 * child loads anything.
 */
export function startServerProcess({ port, host, env = {}, stdio = 'inherit', nodeFlags = [] }: ServerProcessOptions): ChildProcess {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeFlags, path.join(root, 'scripts/launchServer.mjs')], {
    cwd: root,
    stdio,
    env: { ...process.env, ...env, NODE_ENV: 'production', PORT: String(port), HOST: host },
  });
}
