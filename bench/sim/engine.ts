import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { startEmbeddedRedis } from '../../lib/server/embedded/redisServer';
import { SERVER_NODE_FLAGS } from '../../scripts/serverFlags';

/**
 * The 10,000-client lock-notify burst on the engine alone, without Next: wall time and this
 * process's CPU time per race. CPU time moves far less than wall time when other work shares the
 * machine, so it is the figure to compare changes by. It runs itself again with the server's Node
 * flags, and with the condition under which `server-only` modules load outside Next.
 */
const RACE = { clients: 10_000, arrival: 'burst', strategy: 'lock-notify', backendLatencyMs: 300, lockTtlMs: 5_000, cacheTtlMs: 10_000 } as const;
const WARM_UP = 3;
const MEASURED = 9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  if (!process.execArgv.includes('--conditions=react-server')) {
    const flags = [...SERVER_NODE_FLAGS, '--conditions=react-server', '--import', 'tsx'];
    process.exitCode = spawnSync(process.execPath, [...flags, __filename], { stdio: 'inherit' }).status ?? 1;
    return;
  }
  const redis = await startEmbeddedRedis();
  process.env.REDIS_URL = redis.url;
  // After REDIS_URL is set: the server's configuration is read once, on first use.
  const { race } = await import('../../tests/support/race');
  const { appRedis } = await import('../../lib/server/redis/client');
  try {
    const rows: { wall: number; first: number; cpu: number }[] = [];
    for (let i = 0; i < WARM_UP + MEASURED; i += 1) {
      const cpu = process.cpuUsage();
      const { summary } = await race({ ...RACE, seed: i + 1 });
      const used = process.cpuUsage(cpu);
      if (summary.regenerations !== 1 || summary.served !== RACE.clients) throw new Error(`unexpected race: ${JSON.stringify(summary)}`);
      if (i >= WARM_UP) rows.push({ wall: summary.durationMs, first: summary.firstRegenerationAtMs ?? NaN, cpu: (used.user + used.system) / 1000 });
    }
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `Engine alone, ${RACE.clients.toLocaleString('en')} clients, lock-notify, backend ${RACE.backendLatencyMs} ms, medians of ${MEASURED} races after ${WARM_UP} to warm up:`,
    );
    console.log(
      `  finished ${median(rows.map((r) => r.wall)).toFixed(0)} ms, first regeneration at ${median(rows.map((r) => r.first)).toFixed(0)} ms, CPU ${median(rows.map((r) => r.cpu)).toFixed(0)} ms per race`,
    );
    console.log(`  load average ${load} on this machine's 2 cores; flags ${process.execArgv.filter((f) => SERVER_NODE_FLAGS.includes(f)).join(' ') || 'none'}`);
  } finally {
    // The app's connection would otherwise keep reconnecting to the stopped Redis, and the bench never exit.
    appRedis().disconnect();
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
