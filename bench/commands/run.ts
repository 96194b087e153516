import { cpus, loadavg } from 'node:os';
import Redis from 'ioredis';
import { percentile, sessionCookie, startBenchApp } from '../support/app';
import { httpClient } from './client';

/**
 * bench/commands: latency and throughput of POST /api/commands, beside a bare ioredis call, against
 * the issue #2 targets. The machine's load is printed with the figures: on shared cores they move
 * with it, so compare runs made under the same load.
 */
const DURATION_MS = 5_000;
const TARGET_SINGLE_P50_MS = 2;
const TARGET_50_CLIENTS_PER_S = 1_000;
const TARGET_SCRIPT_MS = 50;

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
const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

async function main() {
  const app = await startBenchApp();
  const http = httpClient(app.url);
  const bare = new Redis(app.redis.url, { protocol: 2 });
  try {
    const cookies = await Promise.all(Array.from({ length: 50 }, () => sessionCookie(app.url)));
    const post = async (client: number, script: string) => {
      const answer = await http.postJson('/api/commands', cookies[client]!, { script });
      if (answer.status !== 200) throw new Error(`POST /api/commands answered ${answer.status}: ${answer.body.toString()}`);
      return answer;
    };
    const viaApi = (client: number) => post(client, `SET bench:${client} x`).then(() => undefined);
    const viaIoredis = (client: number) => bare.set(`bench:${client}`, 'x').then(() => undefined);

    await measure(4, viaApi); // warm up JIT and connections
    const rows: [string, Figures, Figures][] = [];
    for (const clients of [1, 50])
      rows.push([`${clients} client${clients > 1 ? 's' : ''}`, await measure(clients, viaApi), await measure(clients, viaIoredis)]);

    const script = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `GET k:${i - 1}` : `SET k:${i} v${i}`)).join('\n');
    const serverTimes: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const answer = await post(0, script);
      serverTimes.push(Number(/dur=([\d.]+)/.exec(String(answer.headers['server-timing']))?.[1]));
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
    // What Next's own router costs per request here, for reading the figures above.
    const staticFile = await measure(1, () => http.get('/icon.svg').then(() => undefined));
    const healthRoute = await measure(1, () => http.get('/api/health').then(() => undefined));

    console.log(`bench/commands — POST /api/commands versus a bare ioredis call (same machine, same Redis; ${load()})`);
    for (const [label, api, io] of rows) {
      console.log(`  ${label.padEnd(10)} API:     ${fmt(api)}`);
      console.log(
        `  ${''.padEnd(10)} ioredis: ${fmt(io)}  (API/ioredis p50 ×${(api.p50 / io.p50).toFixed(1)}, throughput ×${(api.perSecond / io.perSecond).toFixed(2)})`,
      );
    }
    const median = percentile(serverTimes, 50);
    console.log(`  1,000-line SET/GET script: ${median.toFixed(2)} ms on the server (median of 20; worst ${serverTimes.at(-1)!.toFixed(2)} ms)`);
    console.log(
      `  same 1,000 commands as one ioredis pipeline: ${percentile(bareTimes, 50).toFixed(2)} ms (API/ioredis ×${(median / percentile(bareTimes, 50)).toFixed(1)})`,
    );
    console.log(
      `  through Next's router, 1 client: a static file p50 ${staticFile.p50.toFixed(2)} ms; GET /api/health (one INFO) p50 ${healthRoute.p50.toFixed(2)} ms`,
    );

    const [single, many] = [rows[0]![1], rows[1]![1]];
    console.log(`targets (issue #2), ${load()}:`);
    console.log(`  1 client, p50 round trip ≤ ${TARGET_SINGLE_P50_MS} ms:       ${single.p50.toFixed(2)} ms → ${verdict(single.p50 <= TARGET_SINGLE_P50_MS)}`);
    console.log(
      `  50 clients, ≥ ${TARGET_50_CLIENTS_PER_S.toLocaleString('en')} commands/s:       ${Math.round(many.perSecond)}/s → ${verdict(many.perSecond >= TARGET_50_CLIENTS_PER_S)}`,
    );
    console.log(`  1,000-line script, ≤ ${TARGET_SCRIPT_MS} ms on the server: ${median.toFixed(2)} ms → ${verdict(median <= TARGET_SCRIPT_MS)}`);
  } finally {
    http.close();
    bare.disconnect();
    await app.stop();
  }
}

void main();
