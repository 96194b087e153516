import type { KeyView } from '@/lib/keys/types';

/**
 * One part of the Redis state a step is waiting for, declared as data so the browser can mark it
 * against the live keys panel as it becomes true. The step's check stays the judge; this is the picture.
 */
export interface TargetPart {
  key: string;
  /** The string the key should hold; omitted when any value will do. */
  value?: string;
  /** `gone`: the key must not exist. `expiring`: it must have a TTL. `persistent`: it must have none. */
  state?: 'gone' | 'expiring' | 'persistent';
  /** The time the key must have left, in ms, by Redis's clock (implies `expiring`). */
  ttl?: { min?: number; max?: number };
}

/** A TTL as a learner reads it in a goal: whole seconds up to two minutes, then minutes. */
function duration(ms: number): string {
  return ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60_000)} min`;
}

function describeTtl({ min, max }: NonNullable<TargetPart['ttl']>): string {
  if (min !== undefined && max !== undefined) return `TTL ${duration(min)}–${duration(max)}`;
  if (max !== undefined) return `TTL ≤ ${duration(max)}`;
  return `TTL > ${duration(min ?? 0)}`;
}

/** The part as a line a learner reads beside the keys panel. */
export function describePart(part: TargetPart): string {
  if (part.state === 'gone') return `${part.key}: gone`;
  const value = part.value === undefined ? 'exists' : `= "${part.value}"`;
  const ttl = part.ttl ? `, ${describeTtl(part.ttl)}` : part.state === 'expiring' ? ', with a TTL' : part.state === 'persistent' ? ', no expiry' : '';
  return `${part.key} ${value}${ttl}`;
}

/** redis-cli's quoting of a plain value, as the keys panel previews strings. */
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Whether a part depends on the clock as well as on the keys: it can turn true or false as time passes. */
export function partNeedsClock(part: TargetPart, view: KeyView | undefined): boolean {
  return part.ttl !== undefined || (view?.expiresAt ?? null) !== null;
}

/**
 * Whether the live key (or its absence) meets the part at `now` (Redis's clock, epoch ms). A key
 * past its expiry counts as gone, as Redis's commands see it, even before its `expired` event arrives.
 */
export function partMet(part: TargetPart, live: KeyView | undefined, now: number): boolean {
  const view = live && (live.expiresAt === null || live.expiresAt > now) ? live : undefined;
  if (part.state === 'gone') return view === undefined;
  if (!view) return false;
  if (part.value !== undefined && (view.type !== 'string' || view.preview !== quoted(part.value))) return false;
  if (part.ttl) {
    if (view.expiresAt === null) return false;
    const left = view.expiresAt - now;
    return left >= (part.ttl.min ?? 0) && left <= (part.ttl.max ?? Infinity);
  }
  if (part.state === 'expiring') return view.expiresAt !== null;
  if (part.state === 'persistent') return view.expiresAt === null;
  return true;
}
