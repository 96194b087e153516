/** How the panel draws a key: cache keys and lock keys are what the stampede lesson is about. */
export type KeyKind = 'lock' | 'cache' | 'other';

export function keyKind(name: string): KeyKind {
  if (name.endsWith(':lock') || name.startsWith('lock:')) return 'lock';
  // A race's own cache key is `race:<id>:cache` (lib/sim/value.ts).
  if (name.startsWith('cache:') || (name.startsWith('race:') && name.endsWith(':cache'))) return 'cache';
  return 'other';
}

/** The final stretch of a countdown in which a row fades, so it is gone the moment Redis drops the key. */
export const FADE_MS = 150;

/**
 * Time left on a key. Under 10 s a lock's last moments matter, so milliseconds show; above that,
 * whole units read better than a spinning number.
 */
export function formatTtl(ms: number): string {
  const left = Math.max(0, ms);
  if (left < 10_000) return `${(left / 1000).toFixed(3)} s`;
  const seconds = Math.floor(left / 1000);
  if (seconds < 100) return `${seconds} s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min ${pad(seconds % 60)} s`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ${pad(Math.floor(seconds / 60) % 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor(seconds / 3_600) % 24} h`;
}

export function formatAgo(ms: number): string {
  const age = Math.max(0, ms);
  if (age < 10_000) return `${(age / 1000).toFixed(1)} s ago`;
  if (age < 60_000) return `${Math.floor(age / 1000)} s ago`;
  if (age < 3_600_000) return `${Math.floor(age / 60_000)} min ago`;
  return `${Math.floor(age / 3_600_000)} h ago`;
}

export interface CountdownFrame {
  text: string;
  /** Share of the bar still filled, 0…1. */
  scale: number;
  opacity: number;
  /** A key past its expiry no longer exists as far as Redis's commands can tell, even before the `expired` event. */
  hidden: boolean;
}

/** What one row shows `remaining` ms before expiry, on a bar that was full at `span` ms. */
export function countdownFrame(remaining: number, span: number): CountdownFrame {
  return {
    text: formatTtl(remaining),
    scale: Math.min(1, Math.max(0, remaining / Math.max(span, 1))),
    opacity: remaining >= FADE_MS ? 1 : Math.max(0, remaining / FADE_MS),
    hidden: remaining <= 0,
  };
}
