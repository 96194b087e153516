import { describe, expect, it } from 'vitest';
import { KEY_LOG_LIMIT } from '@/lib/keys/types';
import { batchOf } from './batch';

const view = (key: string) => ({ key, type: 'string', expiresAt: null, preview: '"v"', length: 1 });

describe('what a flush sends a panel', () => {
  it('sends every event of a small flush, each with its key’s state, in order', () => {
    const batch = batchOf(
      [
        { key: 'a', events: ['set', 'expire'], view: view('a') },
        { key: 'b', events: ['del'], view: null },
      ],
      7,
    );
    expect(batch).toEqual([
      { event: 'set', key: 'a', view: view('a'), at: 7 },
      { event: 'expire', key: 'a', view: view('a'), at: 7 },
      { event: 'del', key: 'b', view: null, at: 7 },
    ]);
  });

  it('sends the last events a panel keeps, and the last event of every key whose others it drops', () => {
    const batch = batchOf(
      [
        { key: 'early', events: ['set', 'incrby'], view: view('early') },
        { key: 'loop', events: Array.from({ length: 1_000 }, () => 'incrby'), view: view('loop') },
      ],
      7,
    );
    expect(batch).toHaveLength(KEY_LOG_LIMIT + 1);
    expect(batch[0]).toEqual({ event: 'incrby', key: 'early', view: view('early'), at: 7 });
    expect(batch.slice(1).every((e) => e.key === 'loop')).toBe(true);
  });
});
