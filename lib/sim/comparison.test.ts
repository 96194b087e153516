import { describe, expect, it } from 'vitest';
import { comparedSettings, isComparison, raceLabel } from './comparison';
import { DEFAULT_SETTINGS } from './settings';

describe('comparisons', () => {
  it('races another strategy on the same settings, or the same race without its TTL jitter', () => {
    const jittered = { ...DEFAULT_SETTINGS, keys: 200, ttlJitterMs: 3_000 };
    expect(comparedSettings(jittered, 'none')).toEqual({ ...jittered, strategy: 'none' });
    expect(comparedSettings(jittered, 'no-jitter')).toEqual({ ...jittered, ttlJitterMs: 0 });
  });

  it('races nothing twice: no comparison with the same strategy, nor without a jitter there is not', () => {
    expect(comparedSettings(DEFAULT_SETTINGS, DEFAULT_SETTINGS.strategy)).toBeNull();
    expect(comparedSettings(DEFAULT_SETTINGS, 'no-jitter')).toBeNull();
    expect(comparedSettings(DEFAULT_SETTINGS, null)).toBeNull();
  });

  it('names a many-keys race by its keys and jitter, so the two sides of a jitter comparison differ', () => {
    expect(raceLabel(DEFAULT_SETTINGS)).toBe('Lock + polling');
    expect(raceLabel({ ...DEFAULT_SETTINGS, keys: 200, ttlJitterMs: 3_000 })).toBe('Lock + polling, 200 keys, TTL jitter 0–3,000 ms');
    expect(raceLabel({ ...DEFAULT_SETTINGS, keys: 200 })).toBe('Lock + polling, 200 keys, no TTL jitter');
  });

  it('knows its own names only', () => {
    expect(isComparison('no-jitter')).toBe(true);
    expect(isComparison('lock-safe')).toBe(true);
    expect(isComparison('jitter')).toBe(false);
  });
});
