/** Names of the keys and channel a race uses, before the session's prefix. */
export interface RaceKeys {
  data: string;
  lock: string;
  release: string;
}

/**
 * Each race has keys of its own, named apart from the lessons' `cache:data` and `cache:lock`, so a
 * race never touches what a learner built in a lesson, and two races never share a key.
 */
export function raceKeys(raceId: string): RaceKeys {
  return { data: `race:${raceId}:cache`, lock: `race:${raceId}:lock`, release: `race:${raceId}:release` };
}

/**
 * A many-keys race's keys: key k of `count` is `race:<id>:k<k>:cache` (with its own lock), so every
 * name still ends as a race's cache or lock key does. A one-key race keeps the plain names.
 */
export function manyKeys(keys: RaceKeys, count: number): RaceKeys[] {
  if (count === 1) return [keys];
  const named = (name: string, k: number) => name.replace(/:(cache|lock)$/, `:k${k}:$1`);
  return Array.from({ length: count }, (_, k) => ({ data: named(keys.data, k), lock: named(keys.lock, k), release: keys.release }));
}

/** The client a lock token names: `client-7` (lock-poll) or `7-9f3a…` (the others); undefined for anything else. */
export function holderOf(token: string | null): number | undefined {
  const match = token === null ? null : /^(?:client-)?(\d+)(?:-|$)/.exec(token);
  return match ? Number(match[1]) : undefined;
}

/**
 * What the cache holds. `soft` is the logical expiry (epoch ms) that stale-while-revalidate and
 * XFetch read; `delta` is how long the value took to compute, XFetch's δ.
 */
export interface CachedValue {
  v: string;
  soft: number;
  delta: number;
}

export function encodeValue(value: CachedValue): string {
  return JSON.stringify(value);
}

export function decodeValue(raw: string | null): CachedValue | null {
  if (raw === null) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<CachedValue>;
    if (typeof parsed.v === 'string' && typeof parsed.soft === 'number' && typeof parsed.delta === 'number') return parsed as CachedValue;
  } catch {
    // a value someone typed into the console: treat it as present but of unknown age
  }
  return { v: raw, soft: Number.POSITIVE_INFINITY, delta: 0 };
}
