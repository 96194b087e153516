import { describe, expect, it } from 'vitest';
import { manualRace } from '../support/manualRace';

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
