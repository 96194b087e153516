import Redis from 'ioredis';
import { startBenchApp } from '../support/app';
import { repeatLines } from './attacker';
import { Bench } from './context';

const FLOOD_MS = 10_000;
const LOOPS = 8;
const RUN = repeatLines('INCR k', 500);

/**
 * Issue 17's command flood against the budget a workshop server runs with (`COMMANDS_PER_10S` unset,
 * 5,000), on an app and a Redis of its own, since every other case lifts the budget: one session
 * posts runs of 500 commands from 8 loops at once for 10 s.
 */
export async function commandFlood(bench: Bench): Promise<void> {
  const app = await startBenchApp({ defaultBudget: true });
  const redis = new Redis(app.redis.url);
  const own = new Bench(app.url, redis);
  try {
    await own.start();
    const attacker = await own.attacker();
    await own.measure('14', `${LOOPS} loops of 500-command runs for 10 s, default budget`, async () => {
      const started = performance.now();
      const statuses = new Map<string, number>();
      await Promise.all(
        Array.from({ length: LOOPS }, async () => {
          while (performance.now() - started < FLOOD_MS) {
            const status = (await attacker.run(RUN)).answer.split(' ')[0]!;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }
        }),
      );
      const counted = [...statuses].map(([status, n]) => `${status}×${n}`).join(', ');
      return { answer: `runs answered ${counted}; k = ${await redis.get(`sl:{${attacker.namespace}}:k`)}`, ms: performance.now() - started };
    });
    bench.rows.push(...own.rows);
  } finally {
    own.close();
    redis.disconnect();
    await app.stop();
  }
}
