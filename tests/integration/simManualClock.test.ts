import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Race } from '@/lib/sim/engine';
import { ManualClock } from '@/lib/sim/manualClock';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import type { SimRedis } from '@/lib/sim/types';
import { raceKeys } from '@/lib/sim/value';
import { namespaceOf } from '@/lib/server/session/namespace';
import { openRunConnection } from '@/lib/server/sim/simRedis';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The strategies' timing rules on an injected clock, against the real Redis: the race's clock moves
 * only when the test moves it, to the next sleeper, once every Redis command sent so far has been
 * answered. What Redis times itself (TTLs) runs on Redis's clock, so these races keep clear of it.
 */
async function manualRace(input: SimSettingsInput, prepare?: (redis: SimRedis, keys: ReturnType<typeof raceKeys>) => Promise<unknown>) {
  const connection = await openRunConnection(namespaceOf(randomBytes(16).toString('base64url')).prefix);
  const keys = raceKeys(randomBytes(6).toString('base64url'));
  let inFlight = 0;
  // Counts the commands in flight, so the test knows when the race has nothing left to do but sleep.
  const tracked =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A) => {
      inFlight += 1;
      return call(...args).finally(() => (inFlight -= 1));
    };
  const base = connection.redis;
  const redis: SimRedis = {
    ...base,
    get: tracked(base.get),
    set: tracked(base.set),
    del: tracked(base.del),
    getdel: tracked(base.getdel),
    eval: tracked(base.eval),
    publish: tracked(base.publish),
  };
  const clock = new ManualClock();
  const subject = new Race(settingsSchema.parse(input), { redis, keys, clock });
  try {
    await prepare?.(base, keys);
    let done = false;
    const finished = subject.run().finally(() => (done = true));
    while (!done) {
      // Idle: no command in flight, over two turns of the event loop (an answer starts the next command).
      let idleTurns = 0;
      while (idleTurns < 2 && !done) {
        await sleep(1);
        idleTurns = inFlight === 0 ? idleTurns + 1 : 0;
      }
      const due = clock.nextDue();
      if (done || due === undefined) continue;
      await clock.advance(due - clock.now());
    }
    return { summary: await finished, events: subject.recorder.read(), keyEvents: subject.keyLog.read() };
  } finally {
    connection.close();
  }
}

describe('timing rules on an injected clock', () => {
  it('a client that loses the lock polls with backoff and jitter, up to the longest interval, and gives up at its timeout', async () => {
    const settings = {
      clients: 1,
      strategy: 'lock-poll',
      pollIntervalMs: 50,
      pollBackoff: 1.5,
      maxPollIntervalMs: 400,
      clientTimeoutMs: 3_000,
      seed: 9,
    } as const;
    // Another holder's lock, for longer than the test takes on Redis's own clock.
    const { summary, events } = await manualRace(settings, (redis, keys) => redis.set(keys.lock, 'client-999', 60_000));
    const pauses = events.filter((e) => e.type === 'wait').map((e) => Number(e.detail!.replace(' ms', '')));
    let interval = 50;
    for (const pause of pauses) {
      // Rounded to the millisecond in the event's detail.
      expect(pause).toBeGreaterThanOrEqual(Math.floor(interval * 0.75));
      expect(pause).toBeLessThanOrEqual(Math.ceil(interval * 1.25));
      interval = Math.min(interval * 1.5, 400);
    }
    expect(pauses.slice(-3).every((pause) => pause >= 300)).toBe(true);
    expect(summary).toMatchObject({ served: 0, failures: 1, regenerations: 0 });
    const gaveUp = events.find((e) => e.type === 'error')!;
    expect(gaveUp.detail).toBe('gave up after waiting 3000 ms');
    // On this clock only sleeping takes time: the client gave up at the first check past its timeout,
    // when its pauses (each rounded to the ms in its detail) added up to past 3,000 ms.
    const slept = pauses.reduce((sum, pause) => sum + pause, 0);
    expect(Math.abs(gaveUp.t - slept)).toBeLessThanOrEqual(pauses.length / 2);
    expect(gaveUp.t).toBeGreaterThan(3_000);
    expect(gaveUp.t - pauses.at(-1)!).toBeLessThanOrEqual(3_000 + pauses.length / 2);
  });

  it('the watchdog extends its lock every third of the lock TTL while the holder works, and stops when it is done', async () => {
    const { summary, keyEvents, events } = await manualRace({
      clients: 1,
      strategy: 'lock-safe',
      watchdog: true,
      backendLatencyMs: 1_500,
      lockTtlMs: 600,
      seed: 2,
    });
    expect(summary).toMatchObject({ served: 1, regenerations: 1 });
    // At 200, 400, … 1,400 ms into the 1,500 ms regeneration: seven extensions, each back to the full lock TTL.
    const extended = keyEvents.filter((e) => e.role === 'lock' && e.op === 'pexpire');
    expect(extended).toHaveLength(7);
    for (const event of extended) {
      expect(event.holder).toBe(0);
      expect(event.ttlMs).toBeLessThanOrEqual(600);
      expect(event.ttlMs).toBeGreaterThan(300);
    }
    expect(events.some((e) => e.type === 'release')).toBe(true);
    expect(events.find((e) => e.type === 'backend-end')!.t - events.find((e) => e.type === 'backend-start')!.t).toBe(1_500);
  });
});
