import type { StrategyId } from '../settings';
import type { Strategy } from '../strategy';
import { coalesce } from './coalesce';
import { custom } from './custom';
import { lockNotify } from './lockNotify';
import { lockPoll } from './lockPoll';
import { lockSafe } from './lockSafe';
import { none } from './none';
import { swr } from './swr';
import { xfetch } from './xfetch';

/** Every strategy, by id. A new strategy is one file and one entry here. */
export const STRATEGIES: Record<StrategyId, Strategy> = {
  none,
  'lock-poll': lockPoll,
  'lock-safe': lockSafe,
  'lock-notify': lockNotify,
  swr,
  xfetch,
  coalesce,
  custom,
};

export function strategyOf(id: StrategyId): Strategy {
  return STRATEGIES[id];
}
