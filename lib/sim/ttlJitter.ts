import { ClientStream } from './random';
import type { SimSettings } from './settings';

/** Keeps the jitter's draws apart from the clients' own streams, which decide latencies and backoff. */
const JITTER_SALT = 0x7a11e7;

/**
 * The cache TTL one write uses: the setting plus a random 0 to `ttlJitterMs`, drawn from the seed
 * and the writer (a client, or the race's start for key k as writer -1 - k), so a run replays the
 * same. Keys written at the same moment with the same TTL expire at the same moment; the jitter
 * is the usual cure.
 */
export function jitteredTtl(settings: Pick<SimSettings, 'cacheTtlMs' | 'ttlJitterMs' | 'seed'>, writer: number): number {
  if (settings.ttlJitterMs === 0) return settings.cacheTtlMs;
  return settings.cacheTtlMs + Math.floor(new ClientStream(settings.seed ^ JITTER_SALT, writer).next() * settings.ttlJitterMs);
}

/** The race's settings as one client sees them: its own jittered cache TTL, or the shared object when there is no jitter. */
export function settingsOfClient(settings: SimSettings, client: number): SimSettings {
  return settings.ttlJitterMs === 0 ? settings : { ...settings, cacheTtlMs: jitteredTtl(settings, client) };
}
