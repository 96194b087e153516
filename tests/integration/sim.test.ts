import { describe, expect, it } from 'vitest';
import { keysMatching } from '../support/keys';
import { manualRace } from '../support/manualRace';
import { race, until } from '../support/race';

const stampede = { clients: 200, arrival: 'burst', backendLatencyMs: 300, seed: 7 } as const;

const count = (events: { type: string }[], type: string) => events.filter((e) => e.type === type).length;

describe('a stampede of 200 clients on one expired key, against a real Redis', () => {
  it('with no protection, nearly every client regenerates', async () => {
    const { summary } = await race({ ...stampede, strategy: 'none' });
    expect(summary.regenerations).toBeGreaterThanOrEqual(150);
    expect(summary.served).toBe(200);
  });

  it('with lock-poll and a lock TTL above the backend latency, exactly one client regenerates', async () => {
    const { summary, events } = await race({ ...stampede, strategy: 'lock-poll', lockTtlMs: 2_000 });
    expect(summary.regenerations).toBe(1);
    expect(summary.overlappingRegenerations).toBe(0);
    expect(summary.served).toBe(200);
    expect(summary.failures).toBe(0);
    expect(count(events, 'lock-won')).toBe(1);
    expect(count(events, 'served-fresh')).toBe(200);
  });

  it('with a lock TTL below the backend latency, the lock expires mid-regeneration and the overlap is reported', async () => {
    const { summary, events } = await race({ ...stampede, strategy: 'lock-poll', lockTtlMs: 100 });
    expect(summary.regenerations).toBeGreaterThanOrEqual(2);
    expect(summary.overlappingRegenerations).toBeGreaterThanOrEqual(1);
    expect(summary.peakBackendConcurrency).toBeGreaterThanOrEqual(2);
    expect(count(events, 'overlap')).toBe(summary.overlappingRegenerations);
  });

  it('lock-safe refuses to delete a lock that expired and now belongs to someone else', async () => {
    const { events } = await race({ ...stampede, strategy: 'lock-safe', lockTtlMs: 100 });
    expect(count(events, 'release-refused')).toBeGreaterThanOrEqual(1);
  });

  it('lock-notify regenerates once and waiters get the value from the notice, not another GET', async () => {
    const { summary, events } = await race({ ...stampede, strategy: 'lock-notify', lockTtlMs: 2_000, instances: 4 });
    expect(summary.regenerations).toBe(1);
    expect(summary.served).toBe(200);
    expect(count(events, 'notified')).toBeGreaterThan(0);
    expect(summary.commandsPerClient).toBeLessThanOrEqual(3);
  });

  it('swr serves every client the stale value without waiting for the backend', async () => {
    const { summary, events } = await race({ ...stampede, strategy: 'swr', initialCache: 'stale' });
    expect(summary.served).toBe(200);
    expect(summary.servedStale).toBe(200);
    expect(summary.regenerations).toBe(1);
    // Every client was served before the one background refresh finished.
    const refreshed = events.find((e) => e.type === 'backend-end')!.t;
    expect(events.filter((e) => e.type === 'served-stale').every((e) => e.t < refreshed)).toBe(true);
  });

  it('coalescing alone stops at the process boundary: one regeneration per process', async () => {
    const { summary } = await race({ ...stampede, strategy: 'coalesce', instances: 4 });
    expect(summary.regenerations).toBe(4);
    expect(summary.served).toBe(200);
  });

  it('reports when the starting value expires as its readers saw it, however long the set-up took', async () => {
    // A large β·δ: the first readers refresh at once, each saying how long before the value's expiry it was.
    const { summary, events } = await race({ clients: 10, strategy: 'xfetch', arrival: 'burst', cacheTtlMs: 1_000, backendLatencyMs: 1_000, beta: 10 });
    const first = events.find((e) => e.type === 'early-refresh')!;
    const before = Number(first.detail!.replace(' ms before expiry', ''));
    // Within the rounding of the two clocks (epoch ms in the value, monotonic ms in the events).
    expect(Math.abs(first.t + before - summary.initialExpiryAtMs!)).toBeLessThanOrEqual(3);
  });

  it('xfetch regenerates before the value expires, in every seeded run', async () => {
    // The textbook race (200 readers over 1.5 s, a 1 s TTL, a 100 ms backend) slowed twentyfold, on a
    // clock the test moves: each reader's draw meets the same instant whatever the machine is doing,
    // and Redis's own TTL (real time) outlasts the run. With δ = 2 s and a reader every 150 ms, the
    // chance that no reader refreshes before the expiry is about e^-13 per run.
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const settings = { clients: 200, strategy: 'xfetch', arrival: 'poisson', windowMs: 30_000, cacheTtlMs: 20_000, backendLatencyMs: 2_000, beta: 1 } as const;
    // Side by side: each race has its own clock, so running them together changes none of them.
    const runs = await Promise.all(seeds.map((seed) => manualRace({ ...settings, seed })));
    for (const { summary, events } of runs) {
      expect(summary.firstRegenerationAtMs).not.toBeNull();
      expect(summary.firstRegenerationAtMs!).toBeLessThan(summary.initialExpiryAtMs!);
      // Started by a reader that drew an early refresh, not by a miss.
      expect(events.find((e) => e.type === 'early-refresh' || e.type === 'miss')!.type).toBe('early-refresh');
    }
  });
});

describe('the deterministic parts of a run', () => {
  it('the same seed gives the same order of events for each client', async () => {
    // A burst with no protection: every GET goes out in one pipeline before any SET, so which
    // client misses does not depend on timing; latencies and failures come from the seed.
    const settings = {
      clients: 60,
      strategy: 'none',
      arrival: 'burst',
      backendLatencyMs: 30,
      latencyDistribution: 'exponential',
      failureRate: 0.2,
      seed: 42,
    } as const;
    const [a, b] = [await race(settings), await race(settings)];
    type E = { c: number; type: string; detail?: string };
    // How many regenerations overlap at one instant is timing, not seed.
    const steps = (events: E[], c: number) => events.filter((e) => e.c === c && e.type !== 'overlap').map((e) => `${e.type}:${e.detail ?? ''}`);
    for (let c = 0; c < 60; c += 1) expect(steps(a.events, c)).toEqual(steps(b.events, c));
    expect(a.summary.failures).toBe(b.summary.failures);
    expect(a.summary.failures).toBeGreaterThan(0);
  });
});

describe('faults', () => {
  it('a crashed lock holder never releases; the lock expires and someone else regenerates', async () => {
    const { summary, events } = await race({ ...stampede, clients: 50, strategy: 'lock-poll', lockTtlMs: 400 }, async (r) => {
      await until(r, 'backend-start');
      await r.fault('crash-holder');
    });
    expect(count(events, 'crash')).toBe(1);
    expect(summary.regenerations).toBe(2);
    expect(summary.served).toBe(49);
    expect(summary.failures).toBe(1);
  });

  it('crashing the holder kills one computation, not every one in flight', async () => {
    const { summary, events } = await race({ ...stampede, clients: 20, strategy: 'none' }, async (r) => {
      await until(r, 'backend-start');
      await r.fault('crash-holder');
    });
    expect(count(events, 'crash')).toBe(1);
    expect(summary.failures).toBe(1);
    expect(summary.served).toBe(19);
  });

  it('a backend slower than the lock TTL makes regenerations overlap, and it is flagged', async () => {
    const { summary } = await race(
      { ...stampede, clients: 50, strategy: 'lock-safe', lockTtlMs: 150, backendLatencyMs: 50, arrival: 'window', windowMs: 200 },
      async (r) => {
        await r.fault('slow-backend');
      },
    );
    expect(summary.overlappingRegenerations).toBeGreaterThanOrEqual(1);
  });

  it('deleting the cache key mid-run causes a second regeneration', async () => {
    const { summary } = await race({ clients: 100, strategy: 'lock-poll', arrival: 'window', windowMs: 600, backendLatencyMs: 50, seed: 3 }, async (r) => {
      await until(r, 'set');
      await r.fault('delete-key');
    });
    expect(summary.regenerations).toBe(2);
    expect(summary.served).toBe(100);
  });

  it('a simulated Redis restart drops the connections and wipes the keys; clients retry and are served', async () => {
    const { summary, events } = await race(
      { clients: 100, strategy: 'lock-notify', arrival: 'window', windowMs: 600, backendLatencyMs: 50, seed: 3 },
      async (r) => {
        await until(r, 'set');
        await r.fault('redis-restart');
      },
    );
    expect(count(events, 'fault')).toBe(1);
    expect(summary.served + summary.failures).toBe(100);
    expect(summary.regenerations).toBeGreaterThanOrEqual(2);
  });
});

describe('after a run', () => {
  it('its keys are gone', async () => {
    const { prefix } = await race({ ...stampede, clients: 20, strategy: 'lock-safe' });
    expect(await keysMatching(`${prefix}*`)).toEqual([]);
  });
});
