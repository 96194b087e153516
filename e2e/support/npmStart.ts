import { spawn } from 'node:child_process';
import path from 'node:path';
import { waitUntilServing } from '../../scripts/children';

export interface StartedApp {
  url: string;
  /** SIGTERM, as Ctrl-C or a service manager sends it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const root = path.resolve(__dirname, '../..');

/** `npm start` as a learner runs it, with its own private Redis keeping its data in `dataDir`. */
export async function npmStart(dataDir: string, port: number): Promise<StartedApp> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', REDIS_URL: '', REDIS_PERSIST: 'yes', DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitUntilServing(`${url}/api/health`, child))) throw new Error(`npm start did not serve within a minute (exit code ${child.exitCode})`);
  return {
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
