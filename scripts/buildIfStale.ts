import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// The playground runs in rooms without internet; Next must not try to phone home.
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

const SOURCES = ['app', 'components', 'lib', 'public', 'proxy.ts', 'next.config.js', 'package.json', 'package-lock.json', 'tsconfig.json'];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** True when there is no finished build or a source is newer than it. */
function buildIsStale(root: string): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  return SOURCES.some((source) => newestMtime(path.join(root, source)) > builtAt);
}

/**
 * Builds when stale, and says whether a usable build exists. Callers must stop on false:
 * `next start` would otherwise still print "Ready" over a broken build. The build runs as a child
 * the caller can stop (`onStart`), so a signal during a build still shuts everything down.
 */
export async function buildIfStale(root: string, onStart: (build: ChildProcess) => void = () => undefined): Promise<boolean> {
  if (!buildIsStale(root)) return true;
  console.log('Building Stampede Lab (the sources changed since the last build)…');
  const build = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], { cwd: root, stdio: 'inherit' });
  onStart(build);
  const code = await new Promise<number | null>((resolve) => build.once('exit', resolve));
  if (code === 0) return true;
  console.error('The build failed; see the errors above. Nothing was started.');
  return false;
}
