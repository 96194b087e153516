import { describe, expect, it } from 'vitest';
import { arrivalTimes } from './arrivals';
import { Backend } from './backend';
import { seededRandom, streamFor } from './random';
import { DEFAULT_SETTINGS, settingsSchema } from './settings';

describe('arrivals', () => {
  it('all at once for a burst', () => expect(arrivalTimes({ clients: 3, arrival: 'burst', windowMs: 500, seed: 1 })).toEqual([0, 0, 0]));

  it('spread inside the window, in order, and the same for the same seed', () => {
    const times = arrivalTimes({ clients: 100, arrival: 'window', windowMs: 500, seed: 9 });
    expect(times).toEqual(arrivalTimes({ clients: 100, arrival: 'window', windowMs: 500, seed: 9 }));
    expect(times).not.toEqual(arrivalTimes({ clients: 100, arrival: 'window', windowMs: 500, seed: 10 }));
    expect(times.every((t, i) => t >= 0 && t <= 500 && (i === 0 || t >= times[i - 1]!))).toBe(true);
  });

  it('at a Poisson rate whose mean gap is the window over the clients', () => {
    const times = arrivalTimes({ clients: 5_000, arrival: 'poisson', windowMs: 5_000, seed: 3 });
    expect(times.at(-1)! / 5_000).toBeGreaterThan(0.9);
    expect(times.at(-1)! / 5_000).toBeLessThan(1.1);
  });
});

describe('random streams', () => {
  it('are reproducible and independent per client', () => {
    expect(seededRandom(5)()).toBe(seededRandom(5)());
    expect(streamFor(5, 1)()).toBe(streamFor(5, 1)());
    expect(streamFor(5, 1)()).not.toBe(streamFor(5, 2)());
  });
});

describe('the backend', () => {
  it('counts overlapping calls and the peak', () => {
    const backend = new Backend(DEFAULT_SETTINGS);
    expect([backend.enter(), backend.enter()]).toEqual([false, true]);
    backend.leave();
    backend.leave();
    expect(backend.enter()).toBe(false);
    expect({ calls: backend.calls, overlaps: backend.overlaps, peak: backend.peak }).toEqual({ calls: 3, overlaps: 1, peak: 2 });
  });

  it('takes twice the lock TTL once the slow-backend fault is on', () => {
    const backend = new Backend(DEFAULT_SETTINGS);
    backend.slowMs = 2_000;
    expect(backend.latency(seededRandom(1))).toBe(2_000);
  });
});

describe('settings', () => {
  it('explain what is out of range', () => {
    const result = settingsSchema.safeParse({ clients: 10_001 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('"clients" must be at most 10,000.');
  });
});
