import type { Strategy } from '../strategy';
import { readCache, regenerate } from './shared';

/**
 * Probabilistic early expiration (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache
 * Stampede Prevention", VLDB 2015): a reader recomputes early when
 * now − δ·β·ln(rand) ≥ expiry, δ being how long the last computation took. The closer the expiry,
 * the likelier; so one reader usually refreshes before anyone sees a miss.
 */
export const xfetch: Strategy = {
  id: 'xfetch',
  label: 'XFetch (early expiration)',
  summary: 'Readers recompute early with a probability that rises as expiry nears; no lock.',
  initialCache: 'fresh',
  knobs: ['beta'],
  async serve(ctx) {
    const value = await readCache(ctx);
    if (value) {
      const now = ctx.clock.epochMs();
      const gap = -value.delta * ctx.settings.beta * Math.log(1 - ctx.random());
      if (now + gap < value.soft) return 'fresh';
      ctx.emit('early-refresh', `${Math.round(value.soft - now)} ms before expiry`);
    }
    await regenerate(ctx);
    return 'fresh';
  },
};
