import { line, repeatLines, type Outcome } from './attacker';
import type { Bench } from './context';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Issue 12's stall cases that go through POST /api/commands. Each builds what it needs within the
 * session caps (unmeasured unless building is itself the attack), measures, and deletes its keys.
 */

/** 5 × (MGET of a 1 MiB value ×20) is 100 MiB of replies: "many lines" without risking the machine. */
const MGET_LINES = Number(process.env.BENCH_ISOLATION_MGET_LINES) || 5;
/** A runaway the app does not stop is killed by the bench after this long, so the run can go on. */
const RUNAWAY_LIMIT_MS = 10_000;
/** RPUSH of "1" × 30,000 is 60 KB of script, under the 64 KiB body; 16 runs make the 480k list. */
const RPUSH_ARGS = 30_000;
const LIST_RUNS = 16;
const BLOCK_CAP_MS = 5_500;

export async function replyFormatting(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  await attacker.run('SETRANGE big 1048575 x');
  const mget = line('MGET', () => 'big', 20);
  await bench.measure('1a', 'MGET big ×20 in one line (1 MiB value)', () => attacker.run(mget));
  await bench.measure('1b', `${MGET_LINES} lines of MGET big ×20 in one run`, () => attacker.run(repeatLines(mget, MGET_LINES)));
  await attacker.drop(bench.redis);
}

/** The 480k-element list, then what one run can make Redis do with it. */
export async function slowPipelines(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  const push = line('RPUSH l', () => 1, RPUSH_ARGS);
  await bench.measure('2a', `${LIST_RUNS} runs of RPUSH l with ${RPUSH_ARGS.toLocaleString('en')} args (the list)`, async () => {
    const outcome = await attacker.runs(Array.from({ length: LIST_RUNS }, () => push));
    return { ...outcome, extra: `list length now ${await bench.redis.llen(`sl:{${attacker.namespace}}:l`)}` };
  });
  await bench.measure('2b', '300 × LPOS l nothere in one run', () => attacker.run(repeatLines('LPOS l nothere', 300)));
  // SORT_RO: plain SORT counts as a copy of the list (it may STORE), so the cap refuses it early.
  await bench.measure('9a', '20 × SORT_RO l LIMIT 0 10 in one run', () => attacker.run(repeatLines('SORT_RO l LIMIT 0 10', 20)));
  await bench.measure('9b', '1,000 × LRANGE l 0 1999 in one run', () => attacker.run(repeatLines('LRANGE l 0 1999', 1_000)));
  await bench.measure('9c', '10 parallel runs of 100 × LPOS l nothere, one session', async () => {
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => attacker.run(repeatLines('LPOS l nothere', 100))));
    const statuses = outcomes.map((o) => o.answer.split(' ')[0]).join(',');
    return { answer: `statuses ${statuses}; first: ${outcomes[0]!.answer}`, ms: performance.now() - started };
  });
  // EXEC runs what was queued all at once: 990 of these would hold Redis for seconds if they were queued.
  await bench.measure('10b', 'MULTI, then 990 × LPOS l nothere, then EXEC (3 runs)', () =>
    attacker.runs(['MULTI', repeatLines('LPOS l nothere', 990), 'EXEC']),
  );
  await attacker.drop(bench.redis);
}

/** 400 ms of Redis's time per call: under the runaway guard's 500 ms, so no single one is killed. */
const SLOW_EVAL = `EVAL "local t = redis.call('TIME') local s = t[1] * 1e6 + t[2] repeat local n = redis.call('TIME') until (n[1] * 1e6 + n[2]) - s > 400000" 0`;

export async function slowScripts(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  await bench.measure('10a', 'MULTI, 20 × EVAL of 400 ms each, EXEC (8 s if queued)', () =>
    attacker.run(['MULTI', repeatLines(SLOW_EVAL, 20), 'EXEC'].join('\n')),
  );
  await bench.measure('10c', '20 × EVAL of 400 ms each in one run, no MULTI', () => attacker.run(repeatLines(SLOW_EVAL, 20)));
  await attacker.drop(bench.redis);
}

export async function keyIndexInflation(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  // Names differ from run to run (n0 … n5999, then n6000 …), so the index would grow by 300k.
  const dels = Array.from({ length: 50 }, (_, run) => line('DEL', (i) => `n${i}`, 6_000, run * 6_000));
  await bench.measure('3a', '50 runs of DEL of 6,000 names, n0 … n299999', () => attacker.runs(dels));
  await bench.measure('3b', 'then a write run (SET w 1), which measures the session', async () => {
    const outcome = await attacker.run('SET w 1');
    const indexed = await bench.redis.scard(`sl:{${attacker.namespace}}#names`).catch(() => NaN);
    return { ...outcome, extra: `names in the session's key index afterwards: ${indexed.toLocaleString('en')}` };
  });
  await attacker.drop(bench.redis);
}

const usedMemory = async (bench: Bench) => Number(/used_memory:(\d+)/.exec(await bench.redis.info('memory'))?.[1]);

export async function scriptMemory(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  const script = [1, 2, 3].map((n) => `EVAL "return redis.call('SETRANGE',KEYS[1],20000000,'x')" 1 big${n}`).join('\n');
  await bench.measure('4', '3 × EVAL SETRANGE big<n> 20000000 x in one run', async () => {
    const before = await usedMemory(bench);
    const outcome = await attacker.run(script);
    const grown = ((await usedMemory(bench)) - before) / 2 ** 20;
    const next = await attacker.run('SET after 1');
    return { ...outcome, extra: `Redis used_memory grew ${grown.toFixed(1)} MiB; the next write run got: ${next.answer}` };
  });
  await attacker.drop(bench.redis);
}

/** A script is running while Redis answers BUSY (past its busy threshold) instead of PONG. */
const scriptRunning = (bench: Bench) =>
  bench.redis.ping().then(
    () => false,
    (error: Error) => error.message.startsWith('BUSY'),
  );

/**
 * A runaway holds Redis until someone kills it, and an app that gives up on the run (a 503) may
 * leave it running: the attack lasts until the script is gone. After RUNAWAY_LIMIT_MS the bench
 * kills it itself (SCRIPT KILL, on its own connection) so the rest of the benchmark can run, and says so.
 */
async function runaway(bench: Bench, run: () => Promise<Outcome>): Promise<Outcome> {
  const started = performance.now();
  let answered = false;
  const answer = run().finally(() => (answered = true));
  while (performance.now() - started < RUNAWAY_LIMIT_MS && (!answered || (await scriptRunning(bench)))) await sleep(100);
  if (!(await scriptRunning(bench))) return answer;
  const killed = String(await bench.redis.call('SCRIPT', 'KILL').catch((error: Error) => error.message));
  const seconds = RUNAWAY_LIMIT_MS / 1000;
  return { ...(await answer), extra: `the script still ran after ${seconds} s (the app did not stop it); the bench's SCRIPT KILL answered ${killed}` };
}

export async function runawayScripts(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  await bench.measure('5a', 'EVAL "while true do end" 0', () => runaway(bench, () => attacker.run('EVAL "while true do end" 0')));
  await bench.measure('5b', '"EVAL" "while true do end" 0 (quoted name)', () => runaway(bench, () => attacker.run('"EVAL" "while true do end" 0')));
  await attacker.drop(bench.redis);
}

export async function hexFloatBlock(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  await bench.measure('8', 'BLPOP k 0x1.8p2 (6 s as a hex float; the cap is 5 s)', async () => {
    const outcome = await attacker.run('BLPOP k 0x1.8p2');
    const refused = !outcome.answer.startsWith('200') || outcome.answer.includes('refused/failed');
    return {
      ...outcome,
      ownTarget: refused || outcome.ms <= BLOCK_CAP_MS,
      extra: `attacker's own wait ≤ ${BLOCK_CAP_MS / 1000} s or refused: ${refused ? 'refused' : `${(outcome.ms / 1000).toFixed(1)} s`}`,
    };
  });
  await attacker.drop(bench.redis);
}
