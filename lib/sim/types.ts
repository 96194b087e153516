/**
 * The little of Redis the simulator needs. Key and channel names are given without the session's
 * prefix; the server's adapter adds it, so the engine never sees (or needs) ioredis.
 */
export interface SimRedis {
  get(key: string): Promise<string | null>;
  /** SET key value PX px [NX]; true when Redis answered OK. */
  set(key: string, value: string, px: number, nx?: boolean): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  /** GETDEL: deletes the key whatever it holds, and answers what that was. */
  getdel(key: string): Promise<string | null>;
  eval(script: string, keys: string[], args: (string | number)[]): Promise<unknown>;
  /**
   * Runs one of the learner's own scripts (the custom strategy) as the learner's Redis user; a
   * ScriptFailure when Redis refuses or the script fails. Absent where scripts cannot be confined.
   */
  evalLearner?(script: 'read' | 'write', keys: string[], args: (string | number)[]): Promise<unknown>;
  publish(channel: string, message: string): Promise<number>;
  /** Opens one subscriber connection (one per simulated app process); resolves once subscribed. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  /**
   * Follows what Redis reports about these keys (keyspace notifications) until the returned
   * function is called; that waits for every notice already published. Absent, or never calling
   * back, where Redis does not notify (a managed service that refuses CONFIG).
   */
  watch?(keys: string[], onNotice: (notice: KeyNotice) => void): Promise<() => Promise<void>>;
}

/** A keyspace event about one of a race's keys, as Redis published it. */
export interface KeyNotice {
  key: string;
  /** Redis's name for the event: set, expire, del, expired, … */
  event: string;
  /** After a write: the value and the TTL left at the moment of the notice (null: no TTL, or gone by the time it was read). */
  state?: Promise<{ value: string | null; ttlMs: number | null }>;
}

export type KeyRole = 'cache' | 'lock';
export type KeyOp = 'set' | 'del' | 'expired' | 'pexpire';

/**
 * What one of a race's keys did, on the race's clock. `ttlMs` is the TTL Redis reported (from
 * PEXPIRETIME) when it was set or extended; `holder` is the client whose lock it is (set,
 * pexpire) or was (del, expired).
 */
export interface KeyEvent {
  t: number;
  role: KeyRole;
  key: string;
  op: KeyOp;
  ttlMs?: number;
  holder?: number;
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
  // Appended, not inserted: stored events keep their type's index.
  'release-stolen',
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
  /** The same commands by when they were sent: how many in each 10 ms of the race. */
  redisCommandsPer10ms: number[];
  commandsPerClient: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  durationMs: number;
  /** Ms into the run when the first regeneration began, and when the initial value expired. */
  firstRegenerationAtMs: number | null;
  initialExpiryAtMs: number | null;
  eventsTruncated: boolean;
}
