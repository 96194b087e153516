import { describe, expect, it } from 'vitest';
import { Backend } from './backend';
import { ManualClock } from './manualClock';
import { settingsSchema } from './settings';

describe('a backend with a capacity', () => {
  it('runs at most its capacity at once; the others wait their turn, so their latency grows', async () => {
    const clock = new ManualClock();
    const backend = new Backend(settingsSchema.parse({ backendCapacity: 2 }));
    const ended: Record<string, number> = {};
    const queries = ['a', 'b', 'c', 'd', 'e'].map((name) => backend.query(100, clock).done.then(() => (ended[name] = clock.now())));
    await clock.advance(1_000);
    await Promise.all(queries);
    expect(ended).toEqual({ a: 100, b: 100, c: 200, d: 200, e: 300 });
  });

  it('a caller that gives up leaves the queue; a query already running keeps its connection until it ends', async () => {
    const clock = new ManualClock();
    const backend = new Backend(settingsSchema.parse({ backendCapacity: 1 }));
    const running = backend.query(100, clock);
    const queued = backend.query(100, clock);
    const next = backend.query(100, clock);
    running.cancel();
    queued.cancel();
    let ended = -1;
    void next.done.then(() => (ended = clock.now()));
    await clock.advance(1_000);
    // The running query still took its 100 ms; the cancelled one never ran.
    expect(ended).toBe(200);
  });
});
