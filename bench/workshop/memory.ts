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

/** The app's V8 heap in use, in MB, from its own /metrics when METRICS_TOKEN is set (else NaN). */
async function heapMb(appUrl: string): Promise<number> {
  const token = process.env.METRICS_TOKEN;
  if (!token) return NaN;
  const text = await fetch(`${appUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then(
    (r) => r.text(),
    () => '',
  );
  return Number(/^stampede_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]) / 1024 / 1024;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * Prints, every `everySeconds`, Redis's `used_memory`, the app server's resident memory and (with
 * METRICS_TOKEN set) its heap, so a long run shows whether they level off or keep growing (issue
 * 17: a workshop lasts hours). Answers a function that stops it.
 */
export function watchMemory(redisUrl: string, app: { url: string; pid: number }, everySeconds: number): () => void {
  const redis = new Redis(redisUrl);
  const started = performance.now();
  console.log('  memory over time:   minute   Redis used_memory   app RSS    app heap');
  const sample = async () => {
    const used = Number(/used_memory:(\d+)/.exec(await redis.info('memory').catch(() => ''))?.[1]);
    const minutes = (performance.now() - started) / 60_000;
    const heap = await heapMb(app.url);
    console.log(
      `  memory over time: ${minutes.toFixed(1).padStart(8)}   ${mb(used).padStart(14)} MB   ${rssMb(app.pid).toFixed(0).padStart(5)} MB   ${heap.toFixed(0).padStart(5)} MB`,
    );
  };
  void sample();
  const timer = setInterval(() => void sample(), everySeconds * 1000);
  return () => {
    clearInterval(timer);
    redis.disconnect();
  };
}

/** A key's kind: its name with session, room and race ids folded, and a learner's own keys as one. */
const kindOf = (key: string) =>
  key
    .replace(/^sl:\{[^}]+\}:.*$/, 'sl:{…}:<learner keys>')
    .replace(/\{[^}]+\}/g, '{…}')
    .replace(/race:[\w-]{8,}/g, 'race:<id>')
    .replace(/^sl:code:\w+$/, 'sl:code:<code>');

/** Where Redis's memory is, by kind of key (MEMORY USAGE of every key): what a long run keeps. */
export async function reportRedisKeys(redisUrl: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const kinds = new Map<string, { keys: number; bytes: number }>();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'COUNT', 1000);
      cursor = next;
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.memory('USAGE', key);
      const sizes = (await pipeline.exec()) ?? [];
      keys.forEach((key, i) => {
        const kind = kinds.get(kindOf(key)) ?? { keys: 0, bytes: 0 };
        kinds.set(kindOf(key), { keys: kind.keys + 1, bytes: kind.bytes + (Number(sizes[i]?.[1]) || 0) });
      });
    } while (cursor !== '0');
    console.log('  Redis memory by kind of key, at the end:');
    for (const [kind, { keys, bytes }] of [...kinds].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 15)) {
      console.log(`    ${kind.padEnd(40)} ${String(keys).padStart(7)} keys ${mb(bytes).padStart(8)} MB`);
    }
  } finally {
    redis.disconnect();
  }
}
