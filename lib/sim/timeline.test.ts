import { describe, expect, it } from 'vitest';
import { buildDensity, buildTimeline, sampleLanes } from './timeline';
import type { SimEvent } from './types';

const events: SimEvent[] = [
  { t: 0, c: 0, type: 'request' },
  { t: 0, c: 1, type: 'request' },
  { t: 1, c: 0, type: 'lock-won' },
  { t: 1, c: 1, type: 'lock-lost' },
  { t: 2, c: 0, type: 'backend-start' },
  { t: 5, c: -1, type: 'fault', detail: 'Delete the cache key' },
  { t: 10, c: 0, type: 'backend-end' },
  { t: 11, c: 0, type: 'release' },
  { t: 11, c: 0, type: 'served-fresh' },
  { t: 12, c: 1, type: 'error', detail: 'gave up' },
];

describe('the timeline of a race', () => {
  const timeline = buildTimeline(events, 2);

  it('has a lane per client with what it was doing when', () => {
    expect(timeline.lanes[0]).toEqual({
      client: 0,
      arrival: 0,
      end: 11,
      outcome: 'fresh',
      segments: [
        [0, 11, 'waiting'],
        [1, 11, 'lock'],
        [2, 10, 'backend'],
      ],
    });
    expect(timeline.lanes[1]).toMatchObject({ end: 12, outcome: 'failed', segments: [[0, 12, 'waiting']] });
    expect(timeline.faults).toEqual([{ t: 5, label: 'Delete the cache key' }]);
    expect(timeline.duration).toBe(12);
  });

  it('counts clients per state over time', () => {
    const density = buildDensity(timeline, 12);
    expect(Array.from(density.waiting.slice(0, 3))).toEqual([2, 2, 2]);
    expect(density.backend[5]).toBe(1);
    expect(density.backend[11]).toBe(0);
    expect(density.served[11]).toBe(1);
  });

  it('adds a lane for a client past the simulated ones (a class race participant)', () => {
    const joined = buildTimeline([...events, { t: 3, c: 2, type: 'request' }, { t: 9, c: 2, type: 'served-fresh' }], 2);
    expect(joined.lanes).toHaveLength(3);
    expect(joined.lanes[2]).toMatchObject({ client: 2, arrival: 3, end: 9, outcome: 'fresh' });
  });

  it('samples lanes, keeping the ones that did the work', () => {
    const many = buildTimeline([...events, ...Array.from({ length: 98 }, (_, i) => ({ t: 0, c: i + 2, type: 'request' as const }))], 100);
    const sample = sampleLanes(many.lanes, 10);
    expect(sample).toHaveLength(10);
    expect(sample.map((lane) => lane.client)).toContain(0);
  });
});
