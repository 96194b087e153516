import { describe, expect, it } from 'vitest';
import { keyAt, keyTracks } from './keyTracks';
import type { KeyEvent, SimEvent } from './types';

const lockPoll = { settings: { strategy: 'lock-poll', cacheTtlMs: 5_000 }, initialExpiryAtMs: null } as const;
const lock = (t: number, op: KeyEvent['op'], extra: Partial<KeyEvent> = {}): KeyEvent => ({ t, role: 'lock', key: 'race:r:lock', op, ...extra });

describe('key tracks', () => {
  // #3 takes a 100 ms lock and works 400 ms; it expires, #5 takes it, #3's DEL removes #5's lock.
  const keyEvents: KeyEvent[] = [
    lock(2, 'set', { ttlMs: 100, holder: 3 }),
    lock(130, 'expired', { holder: 3 }),
    lock(140, 'set', { ttlMs: 100, holder: 5 }),
    lock(190, 'del', { holder: 5 }),
    { t: 189, role: 'cache', key: 'race:r:cache', op: 'set', ttlMs: 5_000 },
  ];
  const events: SimEvent[] = [
    { t: 2, c: 3, type: 'lock-won' },
    { t: 140, c: 5, type: 'lock-won' },
    { t: 190, c: 3, type: 'release-stolen', detail: "DEL removed client #5's lock" },
  ];
  const [cache, lockTrack] = keyTracks(keyEvents, events, lockPoll);

  it('ends a span where its TTL ran out, before Redis reported the expiry', () => {
    expect(lockTrack!.spans.map((s) => [s.from, s.to, s.holder])).toEqual([
      [2, 102, 3],
      [140, 190, 5],
    ]);
    expect(keyAt(lockTrack!, 50)).toEqual({ state: 'held', ttlMs: 52, holder: 3 });
    expect(keyAt(lockTrack!, 101.5)).toEqual({ state: 'held', ttlMs: 1, holder: 3 });
    expect(keyAt(lockTrack!, 110)).toEqual({ state: 'free' });
    expect(keyAt(lockTrack!, 1)).toEqual({ state: 'free' });
    expect(keyAt(lockTrack!, 195)).toEqual({ state: 'free' });
  });

  it('marks the expiry under a working holder and the stolen release', () => {
    expect(lockTrack!.marks.map((m) => [m.t, m.kind])).toEqual([
      [130, 'expired-under-holder'],
      [190, 'stolen-release'],
    ]);
  });

  it('shows the cache missing, then present with its TTL', () => {
    expect(keyAt(cache!, 100)).toEqual({ state: 'missing' });
    expect(keyAt(cache!, 1_189)).toEqual({ state: 'present', ttlMs: 4_000, stale: false });
  });

  it('turns a stale-while-revalidate value stale at its logical expiry; the starting one may be stale from the start', () => {
    const swr = { settings: { strategy: 'swr', cacheTtlMs: 1_000 }, initialExpiryAtMs: 0 } as const;
    const [track] = keyTracks(
      [
        { t: 1, role: 'cache', key: 'c', op: 'set', ttlMs: 3_000 },
        { t: 400, role: 'cache', key: 'c', op: 'set', ttlMs: 3_000 },
      ],
      [],
      swr,
    );
    expect(keyAt(track!, 200).stale).toBe(true);
    expect(keyAt(track!, 1_000).stale).toBe(false);
    expect(keyAt(track!, 1_500).stale).toBe(true);
    expect(keyAt(track!, 1_500).ttlMs).toBe(1_900);
  });
});
