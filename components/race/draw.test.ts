import { describe, expect, it } from 'vitest';
import { buildTimeline } from '@/lib/sim/timeline';
import type { SimEvent } from '@/lib/sim/types';
import { sceneOf } from './draw';

const requests = (clients: number): SimEvent[] => Array.from({ length: clients }, (_, c) => ({ t: c % 7, c, type: 'request' }));

describe('the lanes of a race on canvas', () => {
  it('draws labelled lanes first, with their names, then the others in client order', () => {
    const timeline = buildTimeline(requests(23), 20);
    const scene = sceneOf(timeline, 800, { 21: 'Grace', 20: 'Ada' });
    expect(scene.rows.slice(0, 2).map((row) => [row.lane.client, row.name])).toEqual([
      [20, 'Ada'],
      [21, 'Grace'],
    ]);
    expect(scene.rows.slice(2).map((row) => row.lane.client)).toEqual([...Array.from({ length: 20 }, (_, c) => c), 22]);
    expect(scene.rows[1]!.y).toBe(scene.rows[0]!.y + scene.rows[0]!.h);
  });

  it('keeps every labelled lane beside a sample of thousands of simulated ones', () => {
    const timeline = buildTimeline(requests(10_030), 10_000);
    const labels = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [10_000 + i, `participant ${i}`]));
    const scene = sceneOf(timeline, 800, labels);
    expect(scene.rows).toHaveLength(80);
    expect(scene.rows.slice(0, 30).every((row) => row.name !== undefined)).toBe(true);
    expect(scene.rows.slice(30).every((row) => row.name === undefined)).toBe(true);
  });

  it('without labels, draws a sample of 80 lanes past 120 clients, as before', () => {
    const scene = sceneOf(buildTimeline(requests(10_000), 10_000), 800);
    expect(scene.rows).toHaveLength(80);
    expect(scene.density).not.toBeNull();
  });
});
