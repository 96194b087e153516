import type { KeyState, LessonSnapshot } from './types';

/** For tests: `str('v')`, `hash({...})` and friends build key states; TTL defaults to none. */
export const str = (value: string, ttlMs: number | null = null): KeyState => ({ type: 'string', value, ttlMs });
export const hash = (fields: Record<string, string>, ttlMs: number | null = null): KeyState => ({ type: 'hash', fields, ttlMs });
export const list = (items: string[], ttlMs: number | null = null): KeyState => ({ type: 'list', items, ttlMs });

export const NOW = 1_750_000_000_000;

/** A snapshot from keys and `[command, redis-cli text]` pairs, oldest first. */
export function snapshot(keys: Record<string, KeyState>, log: [command: string, text: string][] = [], now = NOW): LessonSnapshot {
  return { keys, now, log: log.map(([command, text], i) => ({ command, text, ok: true, at: now - 1_000 + i })) };
}
