import type { SimEvent } from './types';

/** One backend call as the client saw it: when it ended and how long it took, queueing included. */
interface BackendCall {
  end: number;
  latencyMs: number;
  failed: boolean;
}

/** Backend calls over a race. */
export interface BackendLoad {
  /** [t, calls in flight from t on], a step after each change, in time order. */
  steps: [number, number][];
  peak: number;
  /** When each call began (a rebuild), in time order. */
  starts: number[];
  /** Each call that ended, in time order of its end. */
  calls: BackendCall[];
  /** The longest call. */
  maxLatencyMs: number;
}

const ENDS = new Set(['backend-end', 'backend-fail', 'crash']);

/**
 * How many backend calls were in flight (running or queued for a connection) at each moment, when
 * each began, and how long each took, from the client events: a call starts at backend-start and
 * ends at backend-end, backend-fail or the client's crash. A client makes one call at a time.
 */
export function backendLoad(events: readonly SimEvent[]): BackendLoad {
  const changes: [number, number][] = [];
  const starts: number[] = [];
  const calls: BackendCall[] = [];
  const open = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'backend-start') {
      changes.push([e.t, 1]);
      starts.push(e.t);
      open.set(e.c, e.t);
    } else if (e.c >= 0 && ENDS.has(e.type)) {
      const began = open.get(e.c);
      if (began === undefined) continue;
      open.delete(e.c);
      changes.push([e.t, -1]);
      calls.push({ end: e.t, latencyMs: e.t - began, failed: e.type !== 'backend-end' });
    }
  }
  changes.sort((a, b) => a[0] - b[0]);
  starts.sort((a, b) => a - b);
  calls.sort((a, b) => a.end - b.end);
  const steps: [number, number][] = [];
  let inFlight = 0;
  let peak = 0;
  for (const [t, delta] of changes) {
    inFlight = Math.max(0, inFlight + delta);
    peak = Math.max(peak, inFlight);
    if (steps.length && steps.at(-1)![0] === t) steps.at(-1)![1] = inFlight;
    else steps.push([t, inFlight]);
  }
  return { steps, peak, starts, calls, maxLatencyMs: calls.reduce((max, call) => Math.max(max, call.latencyMs), 0) };
}

/** How many of `times` fall in each `binMs` from 0. */
export function perBin(times: readonly number[], binMs: number): number[] {
  const counts: number[] = [];
  for (const t of times) {
    const i = Math.max(0, Math.floor(t / binMs));
    while (counts.length <= i) counts.push(0);
    counts[i]! += 1;
  }
  return counts;
}
