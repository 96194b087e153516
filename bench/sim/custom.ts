import { loadavg } from 'node:os';
import { CUSTOM_TEMPLATES } from '../../lib/sim/strategies/customTemplates';
import { sessionCookie, startBenchApp } from '../support/app';
import { raceOverApi } from './api';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The learner's own lock (the lock-safe template, written in Lua) beside the built-in lock-safe:
 * 10,000 clients on one expired key, through the built app and its own redis-server, as run.ts.
 * A bystander session sends one command every 50 ms throughout, and its slowest answer is printed:
 * the isolation bench's limit is about a second.
 */
const RACE = { clients: 10_000, arrival: 'burst', backendLatencyMs: 300, lockTtlMs: 5_000, cacheTtlMs: 10_000, seed: 1 };
const WARM_UP_RACES = 2;

async function bystanderWhile<T>(url: string, work: Promise<T>): Promise<{ result: T; slowestMs: number; commands: number }> {
  const cookie = await sessionCookie(url);
  let done = false;
  let slowestMs = 0;
  let commands = 0;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(`${url}/api/commands`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ script: 'SET probe 1' }),
      });
      if (!response.ok) throw new Error(`the bystander's command answered ${response.status}`);
      await response.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      commands += 1;
      await sleep(50);
    }
  })();
  const result = await work.finally(() => (done = true));
  await probing;
  return { result, slowestMs, commands };
}

async function main() {
  const app = await startBenchApp();
  try {
    for (let seed = 2; seed < 2 + WARM_UP_RACES; seed += 1) {
      await raceOverApi(app.url, await sessionCookie(app.url), { ...RACE, strategy: 'lock-safe', seed });
      await raceOverApi(app.url, await sessionCookie(app.url), { ...RACE, strategy: 'custom', custom: CUSTOM_TEMPLATES['lock-safe'], seed });
    }
    console.log(
      `Load average before measuring: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on this machine's 2 cores (other work shares them)`,
    );
    console.log(
      `Race: ${RACE.clients.toLocaleString('en')} clients at once, backend ${RACE.backendLatencyMs} ms, lock TTL ${RACE.lockTtlMs} ms, seed ${RACE.seed}, after ${WARM_UP_RACES} warm-up races of each\n`,
    );
    const races = [
      { name: 'lock-safe (built-in)', settings: { ...RACE, strategy: 'lock-safe' } },
      { name: 'custom lock (lock-safe template in Lua)', settings: { ...RACE, strategy: 'custom', custom: CUSTOM_TEMPLATES['lock-safe'] } },
    ];
    for (const { name, settings } of races) {
      const started = performance.now();
      const { result: view, slowestMs, commands } = await bystanderWhile(app.url, raceOverApi(app.url, await sessionCookie(app.url), settings));
      const wallMs = performance.now() - started;
      if (view.status !== 'done') throw new Error(`${name} ${view.status}: ${view.error}`);
      const s = view.summary;
      const line = (label: string, value: string) => console.log(`  ${label.padEnd(34)} ${value}`);
      console.log(name);
      line('regenerations', String(s.regenerations));
      line('Redis commands per client', s.commandsPerClient.toFixed(2));
      line('race duration (first to last client)', `${s.durationMs.toFixed(0)} ms`);
      line('wall time (POST to done, polled)', `${wallMs.toFixed(0)} ms`);
      line('client latency p50/p95/p99/max', `${[s.latencyMs.p50, s.latencyMs.p95, s.latencyMs.p99, s.latencyMs.max].map((v) => v.toFixed(0)).join(' / ')} ms`);
      line('served / failures', `${s.served} / ${s.failures}`);
      line('bystander: slowest of its commands', `${slowestMs.toFixed(0)} ms (${commands} commands)\n`);
    }
  } finally {
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
