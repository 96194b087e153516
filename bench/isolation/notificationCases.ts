import type { Outcome } from './attacker';
import { repeatLines } from './attacker';
import type { Bench } from './context';

/**
 * A write loop: one key incremented for 400 ms (under the runaway guard's 500 ms), some 200,000
 * writes, each a keyspace notification on the subscriber every keys panel shares. Twenty in one
 * run publish tens of MB, past the 32 MB at which Redis drops a subscriber that falls behind.
 */
const WRITE_LOOP = `EVAL "local t = redis.call('TIME') local s = t[1] * 1e6 + t[2] repeat redis.call('INCR', KEYS[1]) local n = redis.call('TIME') until (n[1] * 1e6 + n[2]) - s > 400000 return redis.call('GET', KEYS[1])" 1 counter`;
const FLOOD = repeatLines(WRITE_LOOP, 20);

/** The attacker's own keys panel: read as fast as it comes, or opened and never read. */
async function withOwnPanel(bench: Bench, cookie: string, reads: boolean, attack: () => Promise<Outcome>): Promise<Outcome> {
  const tab = new AbortController();
  const response = await fetch(`${bench.url}/api/events`, { headers: { cookie }, signal: tab.signal });
  let bytes = 0;
  if (reads) {
    void (async () => {
      for await (const chunk of response.body!) bytes += (chunk as Uint8Array).length;
    })().catch(() => undefined);
  }
  try {
    const outcome = await attack();
    return { ...outcome, extra: `the attacker's panel ${reads ? `read ${(bytes / 2 ** 20).toFixed(1)} MiB` : 'was never read'}` };
  } finally {
    tab.abort();
  }
}

/** Issue 17's keyspace-notification flood: one session's write loops against everyone's keys panels. */
export async function notificationFlood(bench: Bench): Promise<void> {
  // A fresh attacker each time: one case's changes must not count against the next one's runs.
  const flood =
    (reads: boolean, runs = 1) =>
    async () => {
      const attacker = await bench.attacker();
      try {
        return await withOwnPanel(bench, attacker.cookie, reads, () => attacker.runs(Array.from({ length: runs }, () => FLOOD)));
      } finally {
        await attacker.drop(bench.redis);
      }
    };
  await bench.measure('13a', '20 × 400 ms INCR loop, own panel read', flood(true), 'keys panel');
  await bench.measure('13b', '20 × 400 ms INCR loop, own panel stalled', flood(false), 'keys panel');
  await bench.measure('13c', '5 such runs in a row, own panel read', flood(true, 5), 'keys panel');
  await bench.measure('13d', '20 × 400 ms INCR loop, own panel read', flood(true));
}
