import { isComparison, type Comparison } from '@/lib/sim/comparison';
import { DEFAULT_SETTINGS, settingsSchema, type SimSettings, type StrategyId } from '@/lib/sim/settings';
import { addScripts, scriptsFrom, usesCustom } from './customShare';

export interface SharedRace {
  settings: SimSettings;
  compareWith: Comparison | null;
}

/** Only what differs from the defaults (and always the seed), so links stay short and readable. */
export function shareQuery({ settings, compareWith }: SharedRace): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(settings) as [keyof SimSettings, SimSettings[keyof SimSettings]][]) {
    if (key === 'custom') continue;
    if (key === 'seed' || value !== DEFAULT_SETTINGS[key]) params.set(key, String(value));
  }
  if (compareWith) params.set('compare', compareWith);
  addScripts(params, settings, compareWith);
  return params.toString();
}

/**
 * Reads a shared link back. A knob out of range falls back to its default rather than rejecting
 * the whole link: a hand-edited URL should still open a race.
 */
export function parseShared(query: Record<string, string | string[] | undefined>): SharedRace {
  const settings: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof SimSettings)[]) {
    const raw = query[key];
    if (typeof raw !== 'string') continue;
    const kind = typeof DEFAULT_SETTINGS[key];
    const value = kind === 'number' ? Number(raw) : kind === 'boolean' ? raw === 'true' : raw;
    if (settingsSchema.shape[key].safeParse(value).success) settings[key] = value;
  }
  const compareWith = isComparison(query.compare) ? query.compare : null;
  settings.custom = scriptsFrom(query, usesCustom((settings.strategy as StrategyId | undefined) ?? DEFAULT_SETTINGS.strategy, compareWith));
  const parsed = settingsSchema.safeParse(settings);
  // Knobs fine alone but not together (lock + notify over many keys): the one named falls back too.
  if (!parsed.success) for (const issue of parsed.error.issues) delete settings[String(issue.path[0])];
  return { settings: parsed.success ? parsed.data : settingsSchema.parse(settings), compareWith };
}
