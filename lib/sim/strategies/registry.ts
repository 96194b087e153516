import type { Strategy } from '../strategy';
import { coalesce } from './coalesce';
import { custom } from './custom';
import { lockNotify } from './lockNotify';
import { lockPoll } from './lockPoll';
import { lockSafe } from './lockSafe';
import { none } from './none';
import { swr } from './swr';
import { xfetch } from './xfetch';

/** The strategies that need nothing but settings; a class race offers these. */
const BUILT_INS = {
  none,
  'lock-poll': lockPoll,
  'lock-safe': lockSafe,
  'lock-notify': lockNotify,
  swr,
  xfetch,
  coalesce,
} satisfies Record<string, Strategy>;

/** Every strategy, by id: the built-ins and the learner's own, which brings its scripts. A new strategy is one file and one entry here. */
export const STRATEGIES = { ...BUILT_INS, custom } satisfies Record<string, Strategy>;

export type StrategyId = keyof typeof STRATEGIES;
export type BuiltInId = keyof typeof BUILT_INS;
export const BUILT_IN_IDS = Object.keys(BUILT_INS) as [BuiltInId, ...BuiltInId[]];
export const STRATEGY_IDS = Object.keys(STRATEGIES) as [StrategyId, ...StrategyId[]];

export function strategyOf(id: StrategyId): Strategy {
  return STRATEGIES[id];
}
