import { STRATEGIES } from './strategies/registry';
import { STRATEGY_IDS, type SimSettings, type StrategyId } from './settings';

/** What a race is compared with: another strategy on the same settings, or the same race with no TTL jitter. */
export type Comparison = StrategyId | 'no-jitter';

const COMPARISONS: readonly Comparison[] = [...STRATEGY_IDS, 'no-jitter'];

export const isComparison = (value: unknown): value is Comparison => (COMPARISONS as readonly unknown[]).includes(value);

/** The second race's settings (same seed, same start), or null when it would race the very same thing. */
export function comparedSettings(settings: SimSettings, comparison: Comparison | null): SimSettings | null {
  if (comparison === null) return null;
  if (comparison === 'no-jitter') return settings.ttlJitterMs > 0 ? { ...settings, ttlJitterMs: 0 } : null;
  return comparison === settings.strategy ? null : { ...settings, strategy: comparison };
}

/** A race's name on the page: its strategy, and for a many-keys race its keys and jitter, which tell two such races apart. */
export function raceLabel(settings: SimSettings): string {
  const label = STRATEGIES[settings.strategy].label;
  if (settings.keys === 1) return label;
  const jitter = settings.ttlJitterMs > 0 ? `TTL jitter 0–${settings.ttlJitterMs.toLocaleString('en')} ms` : 'no TTL jitter';
  return `${label}, ${settings.keys.toLocaleString('en')} keys, ${jitter}`;
}
