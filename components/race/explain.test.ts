import { describe, expect, it } from 'vitest';
import type { KeyTrack } from '@/lib/sim/keyTracks';
import { DEFAULT_SETTINGS } from '@/lib/sim/settings';
import type { Summary } from '@/lib/sim/types';
import { overlapCause, startDifference } from './explain';

const summary = { overlappingRegenerations: 3, peakBackendConcurrency: 20 } as Summary;
const expiredLock: KeyTrack[] = [{ role: 'lock', key: 'k', spans: [], maxTtlMs: 1, marks: [{ t: 1, kind: 'expired-under-holder', text: '' }] }];

describe('explaining a race', () => {
  it('blames no lock for No protection, not an expired lock', () => {
    const cause = overlapCause({ settings: { ...DEFAULT_SETTINGS, strategy: 'none' }, summary, events: [], tracks: [] });
    expect(cause).toMatch(/has no lock/);
    expect(cause).not.toMatch(/expired/);
  });

  it('blames the lock TTL only when the lock expired under its holder, and a restart when there was one', () => {
    const lock = { ...DEFAULT_SETTINGS, strategy: 'lock-poll' } as const;
    expect(overlapCause({ settings: lock, summary, events: [], tracks: expiredLock })).toMatch(/lock TTL \(1,000 ms\) ran out/);
    expect(overlapCause({ settings: lock, summary, events: [{ t: 5, c: -1, type: 'fault', detail: 'Restart Redis (simulated)' }], tracks: [] })).toMatch(
      /restart/,
    );
    expect(overlapCause({ settings: lock, summary: { ...summary, overlappingRegenerations: 0 }, events: [], tracks: expiredLock })).toBeNull();
  });

  it('says when a comparison started from different caches', () => {
    expect(startDifference({ ...DEFAULT_SETTINGS, strategy: 'swr' }, { ...DEFAULT_SETTINGS, strategy: 'lock-safe' })).toMatch(/stale cache .* missing one/);
    expect(startDifference({ ...DEFAULT_SETTINGS, strategy: 'none' }, { ...DEFAULT_SETTINGS, strategy: 'lock-safe' })).toBeNull();
  });
});
