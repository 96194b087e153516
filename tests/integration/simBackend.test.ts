import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/sim/settings';
import { race } from '../support/race';

describe('a backend that suffers under a stampede, with the default settings', () => {
  it('1,000 clients without protection end worse than with a lock: its queue passes the timeout, and clients fail', { timeout: 60_000 }, async () => {
    // 1,000 regenerations of 300 ms through 20 connections would take 15 s; the backend's 5 s timeout comes first.
    const unprotected = await race({ clients: 1_000, strategy: 'none', seed: 14 });
    const locked = await race({ clients: 1_000, strategy: 'lock-poll', seed: 14 });
    expect(unprotected.summary.failures).toBeGreaterThan(0);
    expect(unprotected.summary.failures + unprotected.summary.served).toBe(1_000);
    expect(
      unprotected.events.some((e) => e.type === 'backend-fail' && e.detail === `timed out after ${DEFAULT_SETTINGS.backendTimeoutMs.toLocaleString('en')} ms`),
    ).toBe(true);
    expect(locked.summary).toMatchObject({ regenerations: 1, failures: 0, served: 1_000 });
    expect(unprotected.summary.failures > locked.summary.failures || unprotected.summary.latencyMs.p95 > locked.summary.latencyMs.p95).toBe(true);
  });

  it('one regeneration stays cheap: it takes the backend’s own latency', async () => {
    const { summary, events } = await race({ clients: 50, strategy: 'lock-safe', seed: 3 });
    expect(summary).toMatchObject({ regenerations: 1, failures: 0 });
    expect(events.find((e) => e.type === 'backend-start')!.detail).toBe(`${DEFAULT_SETTINGS.backendLatencyMs} ms`);
    // Redis's load over time counts the same commands as the total, by the 10 ms in which each was sent.
    expect(summary.redisCommandsPer10ms.reduce((a, b) => a + b, 0)).toBe(summary.redisCommands);
    expect(summary.redisCommandsPer10ms.length).toBeGreaterThan(1);
  });
});
