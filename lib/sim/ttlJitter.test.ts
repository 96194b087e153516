import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { jitteredTtl, settingsOfClient } from './ttlJitter';

describe('TTL jitter', () => {
  it('adds nothing without jitter, and the shared settings stay shared', () => {
    expect(jitteredTtl(DEFAULT_SETTINGS, 3)).toBe(DEFAULT_SETTINGS.cacheTtlMs);
    expect(settingsOfClient(DEFAULT_SETTINGS, 3)).toBe(DEFAULT_SETTINGS);
  });

  it('adds 0 to ttlJitterMs, the same for the same seed and writer, and spreads writers across the range', () => {
    const settings = { ...DEFAULT_SETTINGS, cacheTtlMs: 1_000, ttlJitterMs: 2_000 };
    const ttls = Array.from({ length: 1_000 }, (_, k) => jitteredTtl(settings, -1 - k));
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...ttls)).toBeLessThan(3_000);
    expect(jitteredTtl(settings, -5)).toBe(ttls[4]);
    // Four quarters of the range, each with a fair share of the thousand keys.
    const quarters = [0, 1, 2, 3].map((q) => ttls.filter((t) => t >= 1_000 + q * 500 && t < 1_500 + q * 500).length);
    for (const n of quarters) expect(n).toBeGreaterThan(200);
    expect(settingsOfClient(settings, 9).cacheTtlMs).toBe(jitteredTtl(settings, 9));
  });
});
