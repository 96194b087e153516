import { faultSchema, type FaultKind } from '@/lib/sim/faults';
import { settingsSchema, type SimSettings } from '@/lib/sim/settings';
import { customScriptsSchema, type CustomScripts } from '@/lib/sim/strategies/customScripts';
import { DomainError } from '../errors';
import { firstIssue } from './commands';

/** Room for a custom race's two scripts (8,000 characters each, escaped in JSON). */
export const MAX_SIM_BODY_BYTES = 48 * 1024;

/** The race's settings, or a 422 naming the first knob that is out of range. */
export function parseSimSettings(body: unknown): SimSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('refused', 'Send the race settings as a JSON object, e.g. {"clients": 100, "strategy": "lock-poll"}.');
  }
  const parsed = settingsSchema.safeParse(body);
  if (!parsed.success) throw new DomainError('refused', firstIssue(parsed.error));
  return parsed.data;
}

export function parseFault(body: unknown): FaultKind {
  const parsed = faultSchema.safeParse(body);
  if (!parsed.success) throw new DomainError('refused', firstIssue(parsed.error));
  return parsed.data.kind;
}

/** A custom strategy's two scripts, to check before a race; 422 naming what is missing. */
export function parseCustomScripts(body: unknown): CustomScripts {
  const parsed = customScriptsSchema.safeParse(body);
  if (!parsed.success) throw new DomainError('refused', firstIssue(parsed.error));
  return parsed.data;
}
