import { describe, expect, it } from 'vitest';
import { countdownFrame, FADE_MS, formatAgo, formatTtl, keyKind, type KeyKind } from './format';

describe('keyKind', () => {
  const cases: [name: string, kind: KeyKind][] = [
    ['cache:data', 'cache'],
    ['cache:lock', 'lock'],
    ['race:k3x9:cache', 'cache'],
    ['race:k3x9:lock', 'lock'],
    ['lock:report', 'lock'],
    ['user:42:lock', 'lock'],
    ['locker', 'other'],
    ['mycache:data', 'other'],
    ['queue', 'other'],
  ];
  it.each(cases)('%s → %s', (name, kind) => expect(keyKind(name)).toBe(kind));
});

describe('formatTtl', () => {
  const cases: [ms: number, text: string][] = [
    [2_874, '2.874 s'],
    [999.6, '1.000 s'],
    [3, '0.003 s'],
    [0, '0.000 s'],
    [-40, '0.000 s'],
    [9_999, '9.999 s'],
    [10_000, '10 s'],
    [42_900, '42 s'],
    [125_000, '2 min 05 s'],
    [7_260_000, '2 h 01 min'],
    [190_000_000, '2 d 4 h'],
  ];
  it.each(cases)('%s ms → %s', (ms, text) => expect(formatTtl(ms)).toBe(text));
});

describe('formatAgo', () => {
  const cases: [ms: number, text: string][] = [
    [400, '0.4 s ago'],
    [-20, '0.0 s ago'],
    [12_300, '12 s ago'],
    [185_000, '3 min ago'],
    [7_300_000, '2 h ago'],
  ];
  it.each(cases)('%s ms → %s', (ms, text) => expect(formatAgo(ms)).toBe(text));
});

describe('countdownFrame', () => {
  it('fills the bar by the share of the span that is left', () => {
    expect(countdownFrame(1_500, 3_000)).toEqual({ text: '1.500 s', scale: 0.5, opacity: 1, hidden: false });
  });

  it('fades in the last moments and hides at zero', () => {
    expect(countdownFrame(FADE_MS / 2, 3_000).opacity).toBe(0.5);
    expect(countdownFrame(0, 3_000)).toMatchObject({ scale: 0, opacity: 0, hidden: true });
    expect(countdownFrame(-5, 3_000).hidden).toBe(true);
  });

  it('never overfills when the clock estimate moves backwards', () => {
    expect(countdownFrame(3_100, 3_000).scale).toBe(1);
    expect(countdownFrame(10, 0).scale).toBe(1);
  });
});
