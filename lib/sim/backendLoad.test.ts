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
    expect(load).toEqual({ steps: [[1, 2], [2, 3], [5, 2], [6, 1], [7, 0]], peak: 3 });
  });
});
