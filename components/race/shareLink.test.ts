import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/sim/settings';
import { parseShared, shareQuery } from './shareLink';

describe('share links', () => {
  it('carry the settings that differ, the seed and the comparison, and read back the same race', () => {
    const race = { settings: { ...DEFAULT_SETTINGS, clients: 10_000, strategy: 'lock-notify' as const, seed: 99 }, compareWith: 'lock-poll' as const };
    const query = shareQuery(race);
    expect(query).toBe('clients=10000&strategy=lock-notify&seed=99&compare=lock-poll');
    expect(parseShared(Object.fromEntries(new URLSearchParams(query)))).toEqual(race);
  });

  it('fall back to the default for a knob out of range', () => {
    expect(parseShared({ clients: '99999', beta: 'x', seed: '5', compare: 'magic' })).toEqual({
      settings: { ...DEFAULT_SETTINGS, seed: 5 },
      compareWith: null,
    });
  });

  it('fall back for knobs that do not go together, and carry a jitter comparison', () => {
    expect(parseShared({ strategy: 'lock-notify', keys: '20', compare: 'no-jitter' })).toEqual({
      settings: { ...DEFAULT_SETTINGS, strategy: 'lock-notify' },
      compareWith: 'no-jitter',
    });
  });
});
