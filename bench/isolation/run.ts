import { cpus, loadavg } from 'node:os';
import Redis from 'ioredis';
import { startBenchApp } from '../support/app';
import { commandFlood } from './budgetCases';
import { hexFloatBlock, keyIndexInflation, replyFormatting, runawayScripts, scriptMemory, slowPipelines, slowScripts } from './commandCases';
import { Bench, TARGET_MS, type Row } from './context';
import { customRaces } from './customRaceCases';
import { roomFlood, setAlgebra } from './extraCases';
import { notificationFlood } from './notificationCases';
import { raceCapacity, raceViews } from './raceCases';

/**
 * bench/isolation: a bystander's latency while one participant runs each legal-but-heavy or hostile
 * run of issue 12, against the built app and its own redis-server. Figures move with the machine's
 * load, which is printed beside them. BENCH_ISOLATION_CASES=1,5 runs only those cases.
 */
const CASES: [string, (bench: Bench) => Promise<void>][] = [
  ['1', replyFormatting],
  ['2', slowPipelines],
  ['3', keyIndexInflation],
  ['4', scriptMemory],
  ['5', runawayScripts],
  ['10', slowScripts],
  ['8', hexFloatBlock],
  ['6', raceViews],
  ['7', raceCapacity],
  ['9', setAlgebra],
  ['9g', roomFlood],
  ['11', customRaces],
  ['13', notificationFlood],
  ['14', commandFlood],
];

const load = () =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on ${cpus().length} cores`;
const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(0) : '–');
const cut = (text: string, width: number) => `${text.length > width - 1 ? `${text.slice(0, width - 2)}…` : text}`.padEnd(width);

function table(rows: Row[]): void {
  console.log(`\nbench/isolation — bystander latency during one participant's heavy run (${load()})`);
  console.log(
    `${'case'.padEnd(5)}${'attack'.padEnd(46)}${'attacker got'.padEnd(50)}${'attack ms'.padStart(10)}${'n'.padStart(6)}${'p99 ms'.padStart(8)}${'worst ms'.padStart(10)}${'failed'.padStart(8)}  target`,
  );
  for (const row of rows) {
    const b = row.bystander;
    const cells = [
      cut(row.id, 5),
      cut(row.attack, 46),
      cut(row.outcome.answer, 50),
      ms(row.outcome.ms).padStart(10),
      String(b.n).padStart(6),
      ms(b.p99).padStart(8),
      ms(b.worst).padStart(10),
      String(b.failures).padStart(8),
    ];
    console.log(`${cells.join('')}  ${row.met ? 'met' : 'MISSED'}`);
  }
  const missed = rows.filter((row) => !row.met).length;
  console.log(
    `target: the bystander always answered, each time in under ${TARGET_MS / 1000} s (7: its own POST /api/sim answered 201): ${rows.length - missed} of ${rows.length} cases met`,
  );
}

async function main() {
  if (process.env.BENCH_REDIS_CLUSTER)
    throw new Error('bench/isolation reads one Redis directly (memory, clean-up, SCRIPT KILL): run it without BENCH_REDIS_CLUSTER.');
  const only = process.env.BENCH_ISOLATION_CASES?.split(',').map((c) => c.trim());
  const app = await startBenchApp();
  const redis = new Redis(app.redis.url);
  const bench = new Bench(app.url, redis);
  try {
    await bench.start();
    console.log(`bench/isolation: the app on ${app.url}, its own Redis; ${load()} at the start\n`);
    for (const [id, run] of CASES) {
      if (only && !only.includes(id)) continue;
      // One case failing (a Redis left busy, say) must not hide the figures of the others.
      await run(bench).catch((error: Error) => console.log(`[${id}] stopped by an error: ${error.message}`));
    }
    table(bench.rows);
  } finally {
    bench.close();
    redis.disconnect();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
