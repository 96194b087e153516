import { sessionCookie } from '../support/app';
import { line, repeatLines, type Outcome } from './attacker';
import type { Bench } from './context';

/**
 * Heavy runs beyond issue 12's list: set and sorted-set algebra on the biggest values the caps
 * allow, and a scripted flood of room joins.
 */

/** Two 40k-member sets and two 25k-member zsets each stay under the 8 MB session cap. */
const SET_MEMBERS = 40_000;
const ZSET_MEMBERS = 25_000;
/** Members per run, so a run stays under the 64 KiB body (a member is up to 6 characters). */
const SET_CHUNK = 9_000;
const ZSET_CHUNK = 5_000;
const JOINS = 500;
const JOIN_CONCURRENCY = 20;

/** The runs that fill `key` with `count` members starting at `from`, `chunk` members a run. */
function fillRuns(command: string, key: string, from: number, count: number, chunk: number, member: (i: number) => string): string[] {
  const runs = [];
  for (let at = from; at < from + count; at += chunk) runs.push(line(`${command} ${key}`, member, Math.min(chunk, from + count - at), at));
  return runs;
}

const noteSetup = (what: string, outcome: Outcome) => console.log(`    (setup: ${what}: ${outcome.answer})`);

export async function setAlgebra(bench: Bench): Promise<void> {
  const attacker = await bench.attacker();
  // Half the members overlap, so the union and the intersection are both large.
  const fill = [...fillRuns('SADD', 's1', 0, SET_MEMBERS, SET_CHUNK, String), ...fillRuns('SADD', 's2', SET_MEMBERS / 2, SET_MEMBERS, SET_CHUNK, String)];
  noteSetup(`two ${SET_MEMBERS.toLocaleString('en')}-member sets`, await attacker.runs(fill));
  await bench.measure('9d', '300 × SINTERCARD 2 s1 s2 in one run', () => attacker.run(repeatLines('SINTERCARD 2 s1 s2', 300)));
  await bench.measure('9e', '100 × SUNIONSTORE u s1 s2 in one run', () => attacker.run(repeatLines('SUNIONSTORE u s1 s2', 100)));
  await attacker.drop(bench.redis);

  const zsets = await bench.attacker();
  const zfill = [
    ...fillRuns('ZADD', 'z1', 0, ZSET_MEMBERS, ZSET_CHUNK, (i) => `${i} ${i}`),
    ...fillRuns('ZADD', 'z2', ZSET_MEMBERS / 2, ZSET_MEMBERS, ZSET_CHUNK, (i) => `${i} ${i}`),
  ];
  noteSetup(`two ${ZSET_MEMBERS.toLocaleString('en')}-member zsets`, await zsets.runs(zfill));
  await bench.measure('9f', '100 × ZUNIONSTORE zu 2 z1 z2 in one run', () => zsets.run(repeatLines('ZUNIONSTORE zu 2 z1 z2', 100)));
  await zsets.drop(bench.redis);
}

const post = (bench: Bench, path: string, cookie: string, body: unknown) => bench.http.postJson(path, cookie, body);

/** Issue 12 case 12: scripted sessions fill a room; a real student joining afterwards is the attacker's result. */
export async function roomFlood(bench: Bench): Promise<void> {
  const teacher = await sessionCookie(bench.url);
  const opened = await post(bench, '/api/rooms', teacher, {});
  if (opened.status !== 201) return void console.log(`    (9g skipped: POST /api/rooms answered ${opened.status})`);
  const { code } = JSON.parse(opened.body.toString()) as { code: string };
  await bench.measure('9g', `${JOINS} scripted sessions join one room, ${JOIN_CONCURRENCY} at a time`, async () => {
    const started = performance.now();
    const statuses: Record<number, number> = {};
    for (let i = 0; i < JOINS; i += JOIN_CONCURRENCY) {
      await Promise.all(
        Array.from({ length: Math.min(JOIN_CONCURRENCY, JOINS - i) }, async (_, j) => {
          const answer = await post(bench, `/api/rooms/${code}/join`, await sessionCookie(bench.url), { name: `bot ${i + j}` });
          statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        }),
      );
    }
    const ms = performance.now() - started;
    const student = await post(bench, `/api/rooms/${code}/join`, await sessionCookie(bench.url), { name: 'Ada' });
    const joins = Object.entries(statuses)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    return { answer: `joins ${joins}; then a real student: ${student.status} ${student.body.toString().slice(0, 80)}`, ms };
  });
  const closed = await fetch(`${bench.url}/api/rooms/${code}`, { method: 'DELETE', headers: { cookie: teacher } });
  if (!closed.ok) console.log(`    (closing the room answered ${closed.status})`);
}
