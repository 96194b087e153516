import type { Strategy } from '../strategy';
import { readCache, regenerate } from './shared';

/** Every client that misses goes to the backend: N misses, N regenerations. */
export const none: Strategy = {
  id: 'none',
  label: 'No protection',
  summary: 'Every client that misses the cache calls the backend itself.',
  initialCache: 'missing',
  knobs: [],
  async serve(ctx) {
    if (!(await readCache(ctx))) await regenerate(ctx);
    return 'fresh';
  },
};
