import { describe, expect, it } from 'vitest';
import { ChangeRate } from './changeRate';

describe('the change rate of each namespace', () => {
  it('counts each namespace on its own', () => {
    let now = 1_000_000;
    const rate = new ChangeRate(() => now);
    for (let i = 0; i < 5; i++) rate.add('a');
    rate.add('b');
    expect(rate.recent('a')).toBe(5);
    expect(rate.recent('b')).toBe(1);
    expect(rate.recent('c')).toBe(0);
    now += 1;
    expect(rate.recent('a')).toBe(5);
  });

  it('slides: the last window weighs in by how much of it the last 10 s still cover', () => {
    let now = 0;
    const rate = new ChangeRate(() => now);
    now = 9_000;
    for (let i = 0; i < 100; i++) rate.add('a');
    // 2.5 s into the next window, three quarters of the last one are still within 10 s.
    now = 12_500;
    expect(rate.recent('a')).toBeCloseTo(75);
    rate.add('a');
    expect(rate.recent('a')).toBeCloseTo(76);
    now = 19_999;
    expect(rate.recent('a')).toBeCloseTo(1, 0);
    now = 30_000;
    expect(rate.recent('a')).toBe(0);
  });

  it('forgets namespaces that have been quiet for two windows', () => {
    let now = 0;
    const rate = new ChangeRate(() => now);
    for (let i = 0; i < 1_000; i++) rate.add(`ns${i}`);
    expect(rate.size).toBe(1_000);
    now = 20_000;
    rate.add('late');
    expect(rate.size).toBe(1);
  });
});
