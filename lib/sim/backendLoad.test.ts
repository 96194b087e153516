import { describe, expect, it } from 'vitest';
import { backendLoad } from './backendLoad';

describe('backend load over a race', () => {
  it('counts calls from their start to their end, failure or crash', () => {
    const load = backendLoad([
      { t: 1, c: 0, type: 'backend-start' },
      { t: 1, c: 1, type: 'backend-start' },
      { t: 2, c: 2, type: 'backend-start' },
      { t: 5, c: 0, type: 'backend-end' },
      { t: 6, c: 1, type: 'backend-fail' },
      { t: 7, c: 2, type: 'crash' },
      { t: 8, c: -1, type: 'fault', detail: 'Crash the lock holder' },
    ]);
    expect(load).toMatchObject({
      steps: [
        [1, 2],
        [2, 3],
        [5, 2],
        [6, 1],
        [7, 0],
      ],
      peak: 3,
      starts: [1, 1, 2],
    });
  });

  it('times each call from its start to its end, queueing included, and marks the ones that failed', () => {
    const load = backendLoad([
      { t: 0, c: 4, type: 'backend-start' },
      { t: 0, c: 5, type: 'backend-start' },
      { t: 300, c: 4, type: 'backend-end' },
      { t: 5_000, c: 5, type: 'backend-fail', detail: 'timed out after 5,000 ms' },
      // A client's second call, after its first ended.
      { t: 5_100, c: 4, type: 'backend-start' },
      { t: 5_400, c: 4, type: 'backend-end' },
      // An end without a start (its start fell past the event cap) counts no call.
      { t: 6_000, c: 9, type: 'backend-end' },
    ]);
    expect(load.calls).toEqual([
      { end: 300, latencyMs: 300, failed: false },
      { end: 5_000, latencyMs: 5_000, failed: true },
      { end: 5_400, latencyMs: 300, failed: false },
    ]);
    expect(load.maxLatencyMs).toBe(5_000);
    expect(load.steps.at(-1)).toEqual([5_400, 0]);
  });
});
