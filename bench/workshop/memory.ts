import { readFileSync } from 'node:fs';
import Redis from 'ioredis';

/** The resident memory of a process, in MB, from /proc (NaN once it has gone). */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return Number(kb) / 1024;
  } catch {
    return NaN;
  }
}

/**
 * Prints, every `everySeconds`, Redis's `used_memory` and the app server's resident memory, so a
 * long run shows whether they level off or keep growing (issue 17: a workshop lasts hours).
 * Answers a function that stops it.
 */
export function watchMemory(redisUrl: string, appPid: number, everySeconds: number): () => void {
  const redis = new Redis(redisUrl);
  const started = performance.now();
  console.log('  memory over time:   minute   Redis used_memory   app server RSS');
  const sample = async () => {
    const info = await redis.info('memory').catch(() => '');
    const used = Number(/used_memory:(\d+)/.exec(info)?.[1]) / 1024 / 1024;
    const minutes = (performance.now() - started) / 60_000;
    console.log(`  memory over time: ${minutes.toFixed(1).padStart(8)}   ${used.toFixed(1).padStart(14)} MB   ${rssMb(appPid).toFixed(0).padStart(10)} MB`);
  };
  void sample();
  const timer = setInterval(() => void sample(), everySeconds * 1000);
  return () => {
    clearInterval(timer);
    redis.disconnect();
  };
}
