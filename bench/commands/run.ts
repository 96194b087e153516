import Redis from 'ioredis';
import { percentile, sessionCookie, startBenchApp } from '../support/app';

/**
 * bench/commands: latency and throughput of POST /api/commands, beside a bare ioredis call.
 * Targets: p50 ≤ 2 ms for one client, ≥ 1,000 commands/s with 50 clients, 1,000-line script ≤ 50 ms on the server.
 */
const DURATION_MS = 5_000;

interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
}

async function measure(clients: number, once: (client: number) => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const until = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < until) {
        const start = performance.now();
        await once(client);
        latencies.push(performance.now() - start);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), perSecond: latencies.length / (DURATION_MS / 1000) };
}

const fmt = (f: Figures) => `p50 ${f.p50.toFixed(2)} ms, p99 ${f.p99.toFixed(2)} ms, ${Math.round(f.perSecond)} commands/s`;

async function main() {
  const app = await startBenchApp();
  const bare = new Redis(app.redis.url, { protocol: 2 });
  try {
    const cookies = await Promise.all(Array.from({ length: 50 }, () => sessionCookie(app.url)));
    const post = (client: number, script: string) =>
      fetch(`${app.url}/api/commands`, { method: 'POST', headers: { cookie: cookies[client]!, 'content-type': 'application/json' }, body: JSON.stringify({ script }) });
    const viaApi = (client: number) => post(client, `SET bench:${client} x`).then((r) => r.arrayBuffer()).then(() => undefined);
    const viaIoredis = (client: number) => bare.set(`bench:${client}`, 'x').then(() => undefined);

    await measure(4, viaApi); // warm up JIT and connections
    const rows: [string, Figures, Figures][] = [];
    for (const clients of [1, 50]) rows.push([`${clients} client${clients > 1 ? 's' : ''}`, await measure(clients, viaApi), await measure(clients, viaIoredis)]);

    const script = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `GET k:${i - 1}` : `SET k:${i} v${i}`)).join('\n');
    const serverTimes: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await post(0, script);
      await response.arrayBuffer();
      serverTimes.push(Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1]));
    }
    const pipeline = async () => {
      const start = performance.now();
      const p = bare.pipeline();
      for (let i = 0; i < 1000; i += 1) {
        if (i % 2) p.get(`k:${i - 1}`);
        else p.set(`k:${i}`, `v${i}`);
      }
      await p.exec();
      return performance.now() - start;
    };
    const bareTimes: number[] = [];
    for (let i = 0; i < 20; i += 1) bareTimes.push(await pipeline());
    serverTimes.sort((a, b) => a - b);
    bareTimes.sort((a, b) => a - b);

    console.log('bench/commands — POST /api/commands versus a bare ioredis call (same machine, same Redis)');
    for (const [label, api, io] of rows) {
      console.log(`  ${label.padEnd(10)} API:     ${fmt(api)}`);
      console.log(`  ${''.padEnd(10)} ioredis: ${fmt(io)}  (API/ioredis p50 ×${(api.p50 / io.p50).toFixed(1)}, throughput ×${(api.perSecond / io.perSecond).toFixed(2)})`);
    }
    const median = percentile(serverTimes, 50);
    console.log(`  1,000-line SET/GET script: ${median.toFixed(2)} ms on the server (median of 20; worst ${serverTimes.at(-1)!.toFixed(2)} ms)`);
    console.log(`  same 1,000 commands as one ioredis pipeline: ${percentile(bareTimes, 50).toFixed(2)} ms (API/ioredis ×${(median / percentile(bareTimes, 50)).toFixed(1)})`);
    // The floor any route pays in this Next.js server on this machine, for reading the figures above.
    const staticFile = await measure(1, () => fetch(`${app.url}/icon.svg`).then((r) => r.arrayBuffer()).then(() => undefined));
    const healthRoute = await measure(1, () => fetch(`${app.url}/api/health`).then((r) => r.arrayBuffer()).then(() => undefined));
    console.log(`  Next.js floor, 1 client: a static file p50 ${staticFile.p50.toFixed(2)} ms; GET /api/health (one INFO) p50 ${healthRoute.p50.toFixed(2)} ms`);
    const [single, many] = [rows[0]![1], rows[1]![1]];
    console.log(`  targets: p50 ≤ 2 ms → ${single.p50 <= 2 ? 'met' : 'MISSED'}; ≥ 1,000/s with 50 clients → ${many.perSecond >= 1000 ? 'met' : 'MISSED'}; script ≤ 50 ms → ${median <= 50 ? 'met' : 'MISSED'}`);
  } finally {
    bare.disconnect();
    await app.stop();
  }
}

void main();
