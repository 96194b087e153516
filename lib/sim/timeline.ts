import type { SimEvent } from './types';

type SegmentKind = 'waiting' | 'lock' | 'backend';
type Outcome = 'fresh' | 'stale' | 'failed' | 'pending';

export interface Lane {
  client: number;
  arrival: number;
  /** When the client was served or gave up; null while it is still waiting. */
  end: number | null;
  outcome: Outcome;
  /** [from, to, kind]; `to` is null while the segment is still open. */
  segments: [number, number | null, SegmentKind][];
}

export interface Timeline {
  lanes: Lane[];
  duration: number;
  /** Sorted event times, for stepping from one event to the next. */
  times: Float64Array;
  faults: { t: number; label: string }[];
}

const newLane = (client: number): Lane => ({ client, arrival: 0, end: null, outcome: 'pending', segments: [] });

/**
 * Turns a run's events into one lane per client: what each was doing, and when. A class race's
 * admitted clients come after the `clients` simulated ones; their lanes appear with their events.
 */
export function buildTimeline(events: readonly SimEvent[], clients: number): Timeline {
  const lanes: Lane[] = Array.from({ length: clients }, (_, client) => newLane(client));
  const open = (lane: Lane, kind: SegmentKind, t: number) => lane.segments.push([t, null, kind]);
  const closeOpen = (lane: Lane, kind: SegmentKind, t: number) => {
    for (let i = lane.segments.length - 1; i >= 0; i -= 1) {
      const segment = lane.segments[i]!;
      if (segment[2] === kind && segment[1] === null) {
        segment[1] = t;
        return;
      }
    }
  };
  const faults: Timeline['faults'] = [];
  const times = new Float64Array(events.length);
  let duration = 0;
  events.forEach((event, i) => {
    times[i] = event.t;
    duration = Math.max(duration, event.t);
    if (event.c < 0) {
      if (event.type === 'fault') faults.push({ t: event.t, label: event.detail ?? 'fault' });
      return;
    }
    while (lanes.length <= event.c) lanes.push(newLane(lanes.length));
    const lane = lanes[event.c]!;
    switch (event.type) {
      case 'request':
        lane.arrival = event.t;
        open(lane, 'waiting', event.t);
        return;
      case 'lock-won':
        open(lane, 'lock', event.t);
        return;
      case 'release':
      case 'release-refused':
      case 'crash':
        closeOpen(lane, 'lock', event.t);
        if (event.type === 'crash') closeOpen(lane, 'backend', event.t);
        return;
      case 'backend-start':
        open(lane, 'backend', event.t);
        return;
      case 'backend-end':
      case 'backend-fail':
        closeOpen(lane, 'backend', event.t);
        return;
      case 'served-fresh':
      case 'served-stale':
        lane.end = event.t;
        lane.outcome = event.type === 'served-fresh' ? 'fresh' : 'stale';
        closeOpen(lane, 'waiting', event.t);
        return;
      case 'error':
        // A Redis error is retried; only a final error ends the lane, and that is the last event.
        lane.end = event.t;
        lane.outcome = 'failed';
        return;
      default:
        // Served events after an error mean the retry worked.
        if (lane.outcome === 'failed') lane.outcome = 'pending';
    }
  });
  for (const lane of lanes) {
    if (lane.outcome === 'failed') closeOpen(lane, 'waiting', lane.end ?? duration);
  }
  times.sort();
  return { lanes, duration, times, faults };
}

/** Up to `count` lanes spread over all clients, always including those that called the backend. */
export function sampleLanes(lanes: Lane[], count: number): Lane[] {
  if (lanes.length <= count) return lanes;
  if (count <= 0) return [];
  const busy = lanes.filter((lane) => lane.segments.some((s) => s[2] !== 'waiting')).slice(0, Math.floor(count / 2));
  const chosen = new Set(busy.map((lane) => lane.client));
  const step = lanes.length / (count - chosen.size);
  for (let i = 0; chosen.size < count && i * step < lanes.length; i += 1) chosen.add(Math.floor(i * step));
  // Picks that landed on a busy lane leave room: fill it from the start.
  for (let client = 0; chosen.size < count; client += 1) chosen.add(client);
  return [...chosen].sort((a, b) => a - b).map((client) => lanes[client]!);
}

export interface Density {
  bucketMs: number;
  /** Per bucket: clients waiting, calling the backend, and served so far. */
  waiting: Uint32Array;
  backend: Uint32Array;
  served: Uint32Array;
}

/** How many clients are in each state over time: the view that still reads at 10,000 clients. */
export function buildDensity(timeline: Timeline, buckets: number): Density {
  const bucketMs = Math.max(timeline.duration, 1) / buckets;
  const waiting = new Int32Array(buckets + 1);
  const backend = new Int32Array(buckets + 1);
  const servedAt = new Int32Array(buckets + 1);
  const index = (t: number) => Math.min(buckets, Math.floor(t / bucketMs));
  for (const lane of timeline.lanes) {
    for (const [from, to, kind] of lane.segments) {
      const target = kind === 'backend' ? backend : kind === 'waiting' ? waiting : null;
      if (!target) continue;
      target[index(from)]! += 1;
      target[index(to ?? timeline.duration)]! -= 1;
    }
    if (lane.end !== null && lane.outcome !== 'failed') servedAt[index(lane.end)]! += 1;
  }
  const running = (deltas: Int32Array) => {
    const out = new Uint32Array(buckets);
    let sum = 0;
    for (let i = 0; i < buckets; i += 1) out[i] = Math.max(0, (sum += deltas[i]!));
    return out;
  };
  return { bucketMs, waiting: running(waiting), backend: running(backend), served: running(servedAt) };
}
