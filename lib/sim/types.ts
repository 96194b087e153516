/**
 * The little of Redis the simulator needs. Key and channel names are given without the session's
 * prefix; the server's adapter adds it, so the engine never sees (or needs) ioredis.
 */
export interface SimRedis {
  get(key: string): Promise<string | null>;
  /** SET key value PX px [NX]; true when Redis answered OK. */
  set(key: string, value: string, px: number, nx?: boolean): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  publish(channel: string, message: string): Promise<number>;
  /** Opens one subscriber connection (one per simulated app process); resolves once subscribed. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
}

/** Time as the engine sees it; tests and the server inject the real one, replays never need one. */
export interface Clock {
  /** Milliseconds, monotonic, fractional. */
  now(): number;
  /** Wall-clock epoch ms, for expiry times written into cached values. */
  epochMs(): number;
  sleep(ms: number): Promise<void>;
}

/** A uniform draw in [0, 1). */
export type Random = () => number;

/** Every kind of event, in a fixed order: the recorder stores an event's type as its index here. */
export const EVENT_TYPES = [
  'request',
  'hit',
  'miss',
  'stale',
  'lock-won',
  'lock-lost',
  'wait',
  'notified',
  'coalesced',
  'early-refresh',
  'backend-start',
  'backend-end',
  'backend-fail',
  'overlap',
  'set',
  'release',
  'release-refused',
  'served-fresh',
  'served-stale',
  'crash',
  'error',
  'fault',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** One step of one client. `c` is -1 for the run itself (faults). `t` is ms since the run began. */
export interface SimEvent {
  t: number;
  c: number;
  type: EventType;
  detail?: string;
}

export interface Summary {
  clients: number;
  served: number;
  servedStale: number;
  failures: number;
  regenerations: number;
  overlappingRegenerations: number;
  peakBackendConcurrency: number;
  redisCommands: number;
  commandsPerClient: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  durationMs: number;
  /** Ms into the run when the first regeneration began, and when the initial value expired. */
  firstRegenerationAtMs: number | null;
  initialExpiryAtMs: number | null;
  eventsTruncated: boolean;
}
