import type { Clock } from './types';

/** The wall clock: a race runs against a real Redis, whose TTLs run in real time. */
export const realClock: Clock = {
  now: () => performance.now(),
  epochMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
