/** Names of the keys and channel a race uses, before the session's prefix. */
export const KEYS = { data: 'cache:data', lock: 'cache:lock', release: 'cache:release' } as const;

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
