import type { SimEvent } from './types';

/** Backend calls in flight over a race: a step after each change, in time order. */
export interface BackendLoad {
  /** [t, calls in flight from t on] */
  steps: [number, number][];
  peak: number;
}

/**
 * How many backend calls were in flight (running or queued for a connection) at each moment, from
 * the client events: a call starts at backend-start and ends at backend-end, backend-fail or crash.
 */
export function backendLoad(events: readonly SimEvent[]): BackendLoad {
  const changes: [number, number][] = [];
  for (const e of events) {
    if (e.type === 'backend-start') changes.push([e.t, 1]);
    else if (e.type === 'backend-end' || e.type === 'backend-fail' || (e.type === 'crash' && e.c >= 0)) changes.push([e.t, -1]);
  }
  changes.sort((a, b) => a[0] - b[0]);
  const steps: [number, number][] = [];
  let inFlight = 0;
  let peak = 0;
  for (const [t, delta] of changes) {
    inFlight = Math.max(0, inFlight + delta);
    peak = Math.max(peak, inFlight);
    if (steps.length && steps.at(-1)![0] === t) steps.at(-1)![1] = inFlight;
    else steps.push([t, inFlight]);
  }
  return { steps, peak };
}
