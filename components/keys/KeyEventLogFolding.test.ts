import { describe, expect, it } from 'vitest';
import { foldBursts } from './KeyEventLogFolding';

const at = (id: number, key: string, event: string, t: number) => ({ id, key, event, at: t });

describe('the key event log folds bursts', () => {
  it('folds a run of the same event on the same key into one line with a count, newest first', () => {
    const log = [
      at(1, 'race:a:k1:cache', 'set', 0),
      ...Array.from({ length: 500 }, (_, i) => at(2 + i, 'race:a:cache', 'set', 100 + i)),
      at(600, 'race:a:lock', 'del', 700),
    ];
    expect(foldBursts(log)).toEqual([
      { ...at(600, 'race:a:lock', 'del', 700), count: 1 },
      { ...at(501, 'race:a:cache', 'set', 599), count: 500 },
      { ...at(1, 'race:a:k1:cache', 'set', 0), count: 1 },
    ]);
  });

  it('keeps apart the same event on the same key when something else came between, or after a pause', () => {
    const log = [at(1, 'k', 'set', 0), at(2, 'k', 'expired', 10), at(3, 'k', 'set', 20), at(4, 'k', 'set', 5_000)];
    expect(foldBursts(log).map((line) => [line.id, line.count])).toEqual([
      [4, 1],
      [3, 1],
      [2, 1],
      [1, 1],
    ]);
  });

  it('reads a SET with a TTL (set, then expire at once) as one write, so a burst of them folds', () => {
    const writes = Array.from({ length: 300 }, (_, i) => [at(2 * i + 1, 'race:a:cache', 'set', i), at(2 * i + 2, 'race:a:cache', 'expire', i)]).flat();
    expect(foldBursts([...writes, at(700, 'race:a:cache', 'del', 400)])).toEqual([
      { ...at(700, 'race:a:cache', 'del', 400), count: 1 },
      { ...at(600, 'race:a:cache', 'set+expire', 299), count: 300 },
    ]);
    // An EXPIRE a while after the SET stays an event of its own.
    expect(foldBursts([at(1, 'k', 'set', 0), at(2, 'k', 'expire', 2_000)]).map((line) => line.event)).toEqual(['expire', 'set']);
  });
});
