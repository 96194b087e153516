import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Another live process keeps its Redis data in the same directory. */
export class DataDirInUseError extends Error {
  constructor(dir: string, pid: number) {
    super(`Cannot start Redis: another \`npm start\` (pid ${pid}) keeps its data in ${dir}. ` + 'Stop that one, or give this one its own DATA_DIR.');
  }
}

interface Owner {
  pid: number;
  redisPid?: number;
}

const LOCK_FILE = 'owner.json';
/** A killed owner's redis-server follows it within about a second (see orphanGuard). */
const ORPHAN_EXIT_WAIT_MS = 3_000;

function alive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Owner;
  } catch {
    return undefined;
  }
}

export interface DataDirClaim {
  /** Records the redis-server writing here, so a claim left by a killed owner waits for its Redis too. */
  recordServer(pid: number): void;
  release(): void;
}

/**
 * Two redis-servers appending to one append-only file corrupt it, and Redis does not lock its
 * directory itself, so the process that starts one claims the directory first. A claim whose owner
 * and redis-server are both gone (a crash, a SIGKILL) is taken over.
 */
export async function claimDataDir(dir: string): Promise<DataDirClaim> {
  const file = path.join(dir, LOCK_FILE);
  const write = (owner: Owner, flag: 'wx' | 'w') => writeFileSync(file, JSON.stringify(owner), { flag });
  try {
    write({ pid: process.pid }, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = readOwner(file);
    if (owner && alive(owner.pid)) throw new DataDirInUseError(dir, owner.pid);
    for (const deadline = Date.now() + ORPHAN_EXIT_WAIT_MS; owner && alive(owner.redisPid);) {
      if (Date.now() > deadline) throw new DataDirInUseError(dir, owner.redisPid!);
      await sleep(100);
    }
    rmSync(file, { force: true });
    write({ pid: process.pid }, 'wx');
  }
  return {
    recordServer: (redisPid) => write({ pid: process.pid, redisPid }, 'w'),
    release: () => {
      if (readOwner(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
