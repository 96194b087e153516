import { describe, expect, it } from 'vitest';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import { keysMatching } from '../support/keys';
import { race, until } from '../support/race';

/**
 * Fifty cache keys written at once with the same TTL, read by clients arriving steadily, each key
 * behind its own lock: a backend of 5 connections rebuilds 50 keys a second.
 */
const MANY: SimSettingsInput = {
  strategy: 'lock-safe',
  keys: 50,
  clients: 600,
  arrival: 'poisson',
  windowMs: 1_500,
  cacheTtlMs: 300,
  initialCache: 'fresh',
  backendLatencyMs: 100,
  backendCapacity: 5,
  // Longer than any wait in the backend's queue, so no lock expires under its holder.
  lockTtlMs: 5_000,
  seed: 6,
};

describe('a race over many keys, against a real Redis', () => {
  it('keys written at once expire at once and rebuild together; TTL jitter spreads the rebuilds and the backend’s load', { timeout: 60_000 }, async () => {
    const together = await race(MANY);
    const jittered = await race({ ...MANY, ttlJitterMs: 1_000 });
    for (const run of [together, jittered]) {
      expect(run.summary.failures).toBe(0);
      expect(run.summary.regenerations).toBeGreaterThanOrEqual(50);
      // Each key has a lock of its own: a key's rebuilds (client n reads key n mod 50) never overlap.
      const open = new Map<number, number>();
      for (const e of run.events) {
        if (e.type === 'backend-start') {
          expect(open.has(e.c % 50)).toBe(false);
          open.set(e.c % 50, e.c);
        } else if (e.type === 'backend-end' || e.type === 'backend-fail') open.delete(e.c % 50);
      }
    }
    // Every key expired within moments of the others, so 50 rebuilds asked for the backend together.
    expect(together.summary.peakBackendConcurrency).toBeGreaterThan(25);
    expect(jittered.summary.peakBackendConcurrency).toBeLessThan(together.summary.peakBackendConcurrency / 2);
    // Rebuilds that queue make their readers wait.
    expect(jittered.summary.latencyMs.p95).toBeLessThan(together.summary.latencyMs.p95);
  });

  it('names each key apart and records the first key’s events, its jittered TTL as Redis reported it', async () => {
    const { keys, keyEvents, race: subject, prefix } = await race({ ...MANY, clients: 50, ttlJitterMs: 1_000 });
    // Written at once, wiped at the end: all fifty and their locks.
    expect(await keysMatching(`${prefix}*`)).toEqual([]);
    expect(subject.keySet).toHaveLength(50);
    expect(new Set(subject.keySet.map((k) => k.data)).size).toBe(50);
    expect(subject.keySet[7]).toMatchObject({ data: keys.data.replace(/:cache$/, ':k7:cache'), lock: keys.lock.replace(/:lock$/, ':k7:lock') });
    const first = keyEvents.find((e) => e.op === 'set')!;
    expect(first).toMatchObject({ role: 'cache', key: subject.keySet[0]!.data });
    expect(first.ttlMs).toBeLessThanOrEqual(subject.initialExpiryAt()!);
    expect(keyEvents.some((e) => e.key !== subject.keySet[0]!.data && e.key !== subject.keySet[0]!.lock)).toBe(false);
  });

  it('refuses lock + notify over many keys with a sentence', () => {
    const result = settingsSchema.safeParse({ strategy: 'lock-notify', keys: 2 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/Lock \+ notify races one key/);
  });

  it('the delete-key fault deletes every cache key, and every key is rebuilt', async () => {
    const { summary, events } = await race({ ...MANY, clients: 300, cacheTtlMs: 60_000 }, async (subject) => {
      await until(subject, 'served-fresh');
      await subject.fault('delete-key');
    });
    expect(summary.failures).toBe(0);
    // Fifty keys written at the start and fresh for a minute: every rebuild came after the fault.
    const fault = events.find((e) => e.type === 'fault')!.t;
    expect(events.filter((e) => e.type === 'backend-start').every((e) => e.t > fault)).toBe(true);
    expect(new Set(events.filter((e) => e.type === 'backend-start').map((e) => e.c % 50)).size).toBe(50);
  });
});
