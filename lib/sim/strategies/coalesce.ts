import type { Strategy } from '../strategy';
import { readCache, regenerate } from './shared';

const IN_FLIGHT = 'coalesce:in-flight';

/**
 * Requests inside one app process share one backend call (a "single flight"). Nothing is shared
 * between processes, so P processes still make up to P regenerations.
 */
export const coalesce: Strategy = {
  id: 'coalesce',
  label: 'In-process coalescing',
  summary: 'Each app process makes one backend call and shares it; processes do not see each other.',
  initialCache: 'missing',
  knobs: ['instances'],
  async serve(ctx) {
    if (await readCache(ctx)) return 'fresh';
    const memory = ctx.process.memory;
    const pending = memory.get(IN_FLIGHT) as Promise<void> | undefined;
    if (pending) {
      ctx.emit('coalesced', `process ${ctx.process.id}`);
      await pending;
      return 'fresh';
    }
    const work = regenerate(ctx).finally(() => memory.delete(IN_FLIGHT));
    // Followers must not see the leader's failure as an unhandled rejection; they await it themselves.
    work.catch(() => undefined);
    memory.set(IN_FLIGHT, work);
    await work;
    return 'fresh';
  },
};
