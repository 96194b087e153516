import type { Activity } from './types';

/** After this many runs that leave a step unfinished, the dashboard flags the participant. */
export const STUCK_AFTER_ATTEMPTS = 5;

export function isStuck(activity: Activity): boolean {
  const finished = activity.step !== undefined && activity.steps !== undefined && activity.step > activity.steps;
  return !finished && activity.attempts >= STUCK_AFTER_ATTEMPTS;
}
