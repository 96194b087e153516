import type { SimSettings, StrategyId } from '@/lib/sim/settings';
import { customScriptsSchema, type CustomScripts } from '@/lib/sim/strategies/customScripts';
import { DEFAULT_CUSTOM } from '@/lib/sim/strategies/customTemplates';

/** Whether a race or its comparison runs the learner's own scripts. */
export const usesCustom = (strategy: StrategyId, compareWith: string | null) => strategy === 'custom' || compareWith === 'custom';

/** A share link carries the scripts themselves (`read=`, `write=`), so opening it brings them back. */
export function addScripts(params: URLSearchParams, settings: SimSettings, compareWith: string | null): void {
  if (!usesCustom(settings.strategy, compareWith) || !settings.custom) return;
  params.set('read', settings.custom.read);
  params.set('write', settings.custom.write);
}

/** The scripts of a link; a link that races a custom strategy without them starts from the default template. */
export function scriptsFrom(query: Record<string, string | string[] | undefined>, needed: boolean): CustomScripts | undefined {
  const parsed = customScriptsSchema.safeParse({ read: query.read, write: query.write });
  if (parsed.success) return parsed.data;
  return needed ? DEFAULT_CUSTOM : undefined;
}
