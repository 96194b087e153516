import { sessionCookie } from '../support/app';
import type { Bench } from './context';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Issue 12's race cases: reading a race with a big event log, and two free sessions taking the
 * instance's race capacity. Every wait is bounded; a race still running then is reported as such.
 */

/**
 * Polls every 50 ms without backoff while a 2 s regeneration runs, so most of the 10,000 clients
 * poll tens of times: the event log reaches its 250,000-event cap (about 10 MB as JSON).
 */
const HEAVY_LOG_RACE = {
  clients: 10_000,
  strategy: 'lock-poll',
  arrival: 'window',
  windowMs: 2_000,
  backendLatencyMs: 2_000,
  lockTtlMs: 10_000,
  pollIntervalMs: 50,
  pollBackoff: 1,
  maxPollIntervalMs: 50,
  clientTimeoutMs: 15_000,
};
/** Two of these fill an instance's 20,000 clients for about 10 s. */
const CAPACITY_RACE = { clients: 10_000, strategy: 'lock-poll', arrival: 'window', windowMs: 10_000, backendLatencyMs: 1_000 };
const RACE_WAIT_MS = 90_000;
const CAPACITY_MEASURE_MS = 12_000;

/** A GET with the session's cookie (the shared bench client sends cookies only with POSTs). */
async function get(bench: Bench, path: string, cookie: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(`${bench.url}${path}`, { headers: { cookie } });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

async function startRace(bench: Bench, cookie: string, settings: object): Promise<{ status: number; id?: string; text: string }> {
  const answer = await bench.http.postJson('/api/sim', cookie, settings);
  const text = answer.body.toString().slice(0, 120);
  return { status: answer.status, id: answer.status === 201 ? (JSON.parse(answer.body.toString()) as { id: string }).id : undefined, text };
}

/** The race's status once it is no longer running, or "still running" after RACE_WAIT_MS. */
async function raceEnd(bench: Bench, cookie: string, id: string): Promise<string> {
  const until = performance.now() + RACE_WAIT_MS;
  while (performance.now() < until) {
    const answer = await get(bench, `/api/sim/${id}?events=none`, cookie);
    const view = answer.status === 200 ? (JSON.parse(answer.body.toString()) as { status: string; summary: { served: number; failures: number } }) : undefined;
    if (view && view.status !== 'running') return `${view.status}, served ${view.summary.served}, failures ${view.summary.failures}`;
    await sleep(500);
  }
  return `still running after ${RACE_WAIT_MS / 1000} s`;
}

export async function raceViews(bench: Bench): Promise<void> {
  const cookie = await sessionCookie(bench.url);
  let id: string | undefined;
  await bench.measure('6a', '10,000-client windowed race polling every 50 ms (start to end)', async () => {
    const started = performance.now();
    const race = await startRace(bench, cookie, HEAVY_LOG_RACE);
    id = race.id;
    const end = id ? await raceEnd(bench, cookie, id) : race.text;
    return { answer: `${race.status}; ${end}`, ms: performance.now() - started };
  });
  if (!id) return;
  await bench.measure('6b', '20 parallel GET /api/sim/<id> of that race', async () => {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(bench, `/api/sim/${id}`, cookie)));
    const statuses = [...new Set(answers.map((a) => a.status))].join(',');
    const events = /"eventsTruncated":(\w+)/.exec(answers[0]!.body.toString('utf8', 0, 4096))?.[1] ?? '?';
    return { answer: `${statuses}; ${(answers[0]!.body.length / 2 ** 20).toFixed(1)} MiB each, eventsTruncated ${events}`, ms: performance.now() - started };
  });
}

/**
 * The two hogs start before the bystander does, as in the issue: a bystander race already running
 * would otherwise take the last client slot and the second hog would be the one refused.
 */
export async function raceCapacity(bench: Bench): Promise<void> {
  const hogs = [await sessionCookie(bench.url), await sessionCookie(bench.url)];
  const races = [];
  for (const cookie of hogs) races.push(await startRace(bench, cookie, CAPACITY_RACE));
  const answer = races.map((r) => (r.status === 201 ? '201' : `${r.status} ${r.text}`)).join(' / ');
  await bench.measure(
    '7',
    "2 sessions' 10,000-client windowed races running; bystander's POST /api/sim",
    async () => {
      const started = performance.now();
      await sleep(CAPACITY_MEASURE_MS);
      return { answer, ms: performance.now() - started };
    },
    'race',
  );
  // The next case must not start beside them.
  for (const [i, race] of races.entries()) if (race.id) await raceEnd(bench, hogs[i]!, race.id);
}
