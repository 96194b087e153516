import { setTimeout as sleep } from 'node:timers/promises';
import { sessionCookie } from '../support/app';
import type { Bench } from './context';

/**
 * Issue 15's hostile custom races: the learner's own Lua read path, run by 1,000 clients. Each case
 * is measured from the start of the race to its end; the bystander runs its commands throughout.
 */
const WRITE = "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1";
/** Holds Redis 300 ms of its own clock per call, below the 0.5 s after which scripts are killed. */
const BURN_300_MS =
  "local s = redis.call('TIME') local t0 = s[1] * 1000000 + s[2] repeat local n = redis.call('TIME') until n[1] * 1000000 + n[2] - t0 > 300000 return {'wait', 10}";
const CASES: [id: string, attack: string, read: string][] = [
  ['11a', '1,000-client custom race: read loops forever', 'while true do end'],
  ['11b', '1,000-client custom race: each read holds Redis 300 ms', BURN_300_MS],
  ['11c', "1,000-client custom race: reads return 1 MB ('x'):rep", "return {'hit', ('x'):rep(1000000)}"],
  ['11d', '1,000-client custom race: KEYS, FLUSHALL', "redis.call('KEYS', '*') redis.call('FLUSHALL') return {'wait', 1}"],
];
const RACE_WAIT_MS = 90_000;

async function raceToEnd(bench: Bench, cookie: string, read: string): Promise<string> {
  const started = await bench.http.postJson('/api/sim', cookie, { clients: 1_000, strategy: 'custom', custom: { read, write: WRITE }, backendLatencyMs: 100 });
  if (started.status !== 201) return `${started.status} ${started.body.toString().slice(0, 100)}`;
  const { id } = JSON.parse(started.body.toString()) as { id: string };
  const until = performance.now() + RACE_WAIT_MS;
  while (performance.now() < until) {
    const response = await fetch(`${bench.url}/api/sim/${id}?events=none`, { headers: { cookie } });
    const view = (await response.json()) as { status: string; error?: string };
    if (view.status !== 'running') return `${view.status}: ${view.error ?? ''}`;
    await sleep(100);
  }
  return `still running after ${RACE_WAIT_MS / 1000} s`;
}

export async function customRaces(bench: Bench): Promise<void> {
  for (const [id, attack, read] of CASES) {
    const cookie = await sessionCookie(bench.url);
    await bench.measure(id, attack, async () => {
      const started = performance.now();
      const answer = await raceToEnd(bench, cookie, read);
      return { answer, ms: performance.now() - started };
    });
  }
}
