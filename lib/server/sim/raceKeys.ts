import 'server-only';
import type { Namespace } from '../session/namespace';

/** A race's keys and channels, all in its owner's slot. */
export const keysOf = (namespace: Namespace, id: string) => ({
  meta: namespace.internalKey(`race:${id}`),
  events: namespace.internalKey(`race:${id}:events`),
  labels: namespace.internalKey(`race:${id}:labels`),
  keyEvents: namespace.internalKey(`race:${id}:keyEvents`),
  /** Namespace id → lane, for the sessions a class race let in. */
  admitted: namespace.internalKey(`race:${id}:admitted`),
  faults: namespace.internalKey(`race:${id}:faults`),
  admit: namespace.internalKey(`race:${id}:admit`),
  answers: namespace.internalKey(`race:${id}:answers`),
});
/** The session's running race (its id, or "starting"); the runner renews it, so it outlives no runner. */
export const runningKey = (namespace: Namespace) => namespace.internalKey('race:running');
/** Races and clients the session started in the last minute. */
export const budgetKey = (namespace: Namespace) => namespace.internalKey('race:budget');
/** The session's races by start time, so the oldest can be forgotten. */
export const listKey = (namespace: Namespace) => namespace.internalKey('races');
