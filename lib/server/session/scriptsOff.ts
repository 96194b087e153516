import 'server-only';
import type { IsolationMode } from './consoles';
import type { Namespace } from './namespace';

const SHARED_USER = 'this Redis does not let the playground confine a script to your keys, so scripts are off';
const STOPPED_BY_RESTART = 'your last script could only be stopped by restarting Redis, so scripts are off for your session for an hour';
const OFF_AFTER_RESTART_MS = 60 * 60_000;

/**
 * Sessions whose script forced a restart of Redis. Kept in this process: only `npm start`'s own
 * Redis is ever restarted, and that setup has one app process.
 */
const offUntil = new Map<string, number>();

/** Why this session may not run scripts now, or undefined when it may. */
export function scriptsOffReason(namespace: Namespace, mode: IsolationMode): string | undefined {
  if (mode === 'shared') return SHARED_USER;
  const until = offUntil.get(namespace.id);
  if (until === undefined) return undefined;
  if (until > Date.now()) return STOPPED_BY_RESTART;
  offUntil.delete(namespace.id);
  return undefined;
}

export function turnScriptsOff(namespace: Namespace): void {
  offUntil.set(namespace.id, Date.now() + OFF_AFTER_RESTART_MS);
}
