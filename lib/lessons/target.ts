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
}

/** The part as a line a learner reads beside the keys panel. */
export function describePart(part: TargetPart): string {
  if (part.state === 'gone') return `${part.key}: gone`;
  const value = part.value === undefined ? 'exists' : `= "${part.value}"`;
  const ttl = part.state === 'expiring' ? ', with a TTL' : part.state === 'persistent' ? ', no expiry' : '';
  return `${part.key} ${value}${ttl}`;
}

/** redis-cli's quoting of a plain value, as the keys panel previews strings. */
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** Whether the live key (or its absence) meets the part. */
export function partMet(part: TargetPart, view: KeyView | undefined): boolean {
  if (part.state === 'gone') return view === undefined;
  if (!view) return false;
  if (part.value !== undefined && (view.type !== 'string' || view.preview !== quoted(part.value))) return false;
  if (part.state === 'expiring') return view.expiresAt !== null;
  if (part.state === 'persistent') return view.expiresAt === null;
  return true;
}
