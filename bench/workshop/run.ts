import { loadavg } from 'node:os';
import Redis from 'ioredis';
import { cpuSeconds, percentile, sessionCookie, startBenchApp } from '../support/app';
import { reportRedisKeys, watchMemory } from './memory';
import { BenchParticipant, Tally, type Samples } from './participant';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A workshop on this machine: 200 participants in one room on one app and one Redis. Each keeps
 * its key-event and room streams open and, every 2 s, runs a lesson step, or once a minute a
 * 100-client race instead; the teacher's dashboard refreshes as the page does, every 1.5 s. The
 * first BENCH_WARMUP_SECONDS of that workload are reported apart from the measured BENCH_SECONDS.
 */
const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS) || 200;
const SECONDS = Number(process.env.BENCH_SECONDS) || 60;
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
/** Sessions that only hold keys, as the rest of a shard's workshops would: what sizes a shard. */
const IDLE_SESSIONS = Number(process.env.BENCH_IDLE_SESSIONS) || 0;
const KEYS_PER_IDLE_SESSION = 10;
const LESSON_EVERY_MS = 2_000;
/** A race a minute each; a long run may race more often to reach the per-session race cap sooner. */
const RACE_EVERY_MS = (Number(process.env.BENCH_RACE_EVERY_SECONDS) || 60) * 1000;
const DASHBOARD_EVERY_MS = 1_500;
/** Long-run mode: print Redis's and the app server's memory this often (0: off). */
const MEMORY_EVERY_SECONDS = Number(process.env.BENCH_MEMORY_EVERY_SECONDS) || 0;

async function openRoom(url: string): Promise<{ code: string; teacher: string }> {
  const teacher = await sessionCookie(url);
  const response = await fetch(`${url}/api/rooms`, { method: 'POST', headers: { cookie: teacher } });
  return { code: ((await response.json()) as { code: string }).code, teacher };
}

/** Repeats `work` every `everyMs` from `offsetMs` until `until`, never overlapping itself. */
async function every(everyMs: number, offsetMs: number, until: number, work: () => Promise<void>): Promise<void> {
  await sleep(offsetMs);
  for (let next = performance.now(); performance.now() < until;) {
    await work();
    next += everyMs;
    await sleep(Math.max(0, next - performance.now()));
  }
}

function line(label: string, values: number[], target?: number) {
  const sorted = [...values].sort((a, b) => a - b);
  const [p50, p99] = [percentile(sorted, 50), percentile(sorted, 99)];
  const verdict = target === undefined ? '' : `  target p99 ≤ ${target} ms: ${p99 <= target ? 'met' : 'MISSED'}`;
  console.log(`  ${label.padEnd(30)} p50 ${p50.toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms   (n = ${values.length})${verdict}`);
}

function report(title: string, samples: Samples, verdicts: boolean) {
  console.log(title);
  line('lesson command (POST)', samples.commandMs, verdicts ? 100 : undefined);
  line('command → key event (SSE)', samples.eventMs);
  line('teacher dashboard (GET)', samples.dashboardMs);
  line('100-client race, start → done', samples.raceMs);
}

const cpuOf = (pids: { app: number; redis: number[] }) => ({ app: cpuSeconds(pids.app), redis: pids.redis.map(cpuSeconds), at: performance.now() });

/** How busy the app server and each Redis were over the measured part: what sizes instances and shards. */
function reportCpu(start: ReturnType<typeof cpuOf>, end: ReturnType<typeof cpuOf>) {
  const seconds = (end.at - start.at) / 1000;
  const share = (used: number) => `${((used / seconds) * 100).toFixed(0)}%`;
  const redis = end.redis.map((used, i) => share(used - start.redis[i]!));
  console.log(`  CPU, share of one core: app server ${share(end.app - start.app)}, Redis ${redis.length > 1 ? `primaries ${redis.join(' / ')}` : redis[0]}`);
}

function reportErrors(tally: Tally) {
  const errors = [...tally.errors.entries()];
  const total = errors.reduce((sum, [, n]) => sum + n, 0);
  console.log(
    `  errors, warm-up included: ${total}${errors.length ? ` (${errors.map(([kind, n]) => `${kind}: ${n}`).join(', ')})` : ''}  target 0: ${total === 0 ? 'met' : 'MISSED'}`,
  );
}

/** Keys of sessions nobody is using right now, each in its own namespace, as the app names them. */
async function fillIdleSessions(redisUrl: string): Promise<number> {
  if (process.env.BENCH_REDIS_CLUSTER) throw new Error('BENCH_IDLE_SESSIONS sizes one shard: run it without BENCH_REDIS_CLUSTER.');
  const redis = new Redis(redisUrl);
  try {
    for (let i = 0; i < IDLE_SESSIONS; i += 100) {
      const pipeline = redis.pipeline();
      for (let s = i; s < Math.min(i + 100, IDLE_SESSIONS); s += 1) {
        for (let k = 0; k < KEYS_PER_IDLE_SESSION; k += 1) pipeline.set(`sl:{idle${s}}:key${k}`, 'value');
      }
      await pipeline.exec();
    }
    return await redis.dbsize();
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const app = await startBenchApp();
  if (IDLE_SESSIONS) console.log(`${IDLE_SESSIONS} idle sessions' keys written; Redis holds ${await fillIdleSessions(app.redis.url)} keys`);
  const tally = new Tally();
  const participants: BenchParticipant[] = [];
  try {
    const { code, teacher } = await openRoom(app.url);
    for (let i = 0; i < PARTICIPANTS; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, PARTICIPANTS - i) }, async (_, j) => {
          const participant = new BenchParticipant(app.url, tally);
          await participant.join(code, `Learner ${i + j + 1}`);
          await participant.openStreams(code);
          participants.push(participant);
        }),
      );
    }
    console.log(
      `${PARTICIPANTS} participants joined workshop ${code}, each with 2 event streams open; ${WARMUP_SECONDS} s of warm-up, then ${SECONDS} s measured`,
    );
    const stopWatching = MEMORY_EVERY_SECONDS > 0 ? watchMemory(app.redis.url, { url: app.url, pid: app.pids.app }, MEMORY_EVERY_SECONDS) : () => undefined;
    const measureFrom = performance.now() + WARMUP_SECONDS * 1000;
    tally.beginMeasuringAt(measureFrom);
    const until = measureFrom + SECONDS * 1000;
    const ticksPerRace = RACE_EVERY_MS / LESSON_EVERY_MS;
    const cpuAtStart = sleep(WARMUP_SECONDS * 1000).then(() => cpuOf(app.pids));
    await Promise.all([
      // One thing at a time, as a person does: a race takes the place of a lesson step once a minute,
      // and the room's races are spread evenly over that minute.
      ...participants.map((p, i) => {
        let tick = Math.floor((i / PARTICIPANTS) * ticksPerRace);
        return every(LESSON_EVERY_MS, (i / PARTICIPANTS) * LESSON_EVERY_MS, until, () => (tick++ % ticksPerRace === 0 ? p.race() : p.lessonTick()));
      }),
      every(DASHBOARD_EVERY_MS, 0, until, async () => {
        const started = performance.now();
        const response = await fetch(`${app.url}/api/rooms/${code}/dashboard`, { headers: { cookie: teacher } }).catch(() => undefined);
        if (!response?.ok) return void tally.countError(`dashboard HTTP ${response?.status ?? 'network error'}`);
        const view = (await response.json()) as { participants: unknown[] };
        tally.samplesOf(started).dashboardMs.push(performance.now() - started);
        if (view.participants.length !== PARTICIPANTS) tally.countError('dashboard missing participants');
      }),
    ]);
    stopWatching();
    console.log(
      `\nLoad average at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on this machine's 2 cores`,
    );
    if (WARMUP_SECONDS > 0) report(`Warm-up, the first ${WARMUP_SECONDS} s (not measured)`, tally.warmUp, false);
    report(`Measured, the next ${SECONDS} s`, tally.measured, true);
    reportCpu(await cpuAtStart, cpuOf(app.pids));
    reportErrors(tally);
    if (MEMORY_EVERY_SECONDS > 0) await reportRedisKeys(app.redis.url);
  } finally {
    for (const participant of participants) participant.closeStreams();
    await app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
