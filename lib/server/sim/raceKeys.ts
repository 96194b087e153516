import 'server-only';
import type { Namespace } from '../session/namespace';

/** A race's keys and channels, all in its owner's slot (names in lib/server/redisKeys.ts). */
export const keysOf = (namespace: Namespace, id: string) => namespace.keys.race(id);
/** The session's running race (its id, or "starting"); the runner renews it, so it outlives no runner. */
export const runningKey = (namespace: Namespace) => namespace.keys.raceRunning;
/** Races and clients the session started in the last minute. */
export const budgetKey = (namespace: Namespace) => namespace.keys.raceBudget;
/** The session's races by start time, so the oldest can be forgotten. */
export const listKey = (namespace: Namespace) => namespace.keys.races;
