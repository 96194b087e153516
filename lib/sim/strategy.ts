import type { Backend } from './backend';
import type { SimSettings, StrategyId } from './settings';
import type { Clock, EventType, SimRedis } from './types';
import type { RaceKeys } from './value';

/** State one simulated app process keeps in its memory (coalescing map, pub/sub waiters). */
export interface SimProcess {
  id: number;
  memory: Map<string, unknown>;
}

/** What a strategy sees of the whole run, once, before the clients arrive. */
export interface RunContext {
  settings: SimSettings;
  redis: SimRedis;
  keys: RaceKeys;
  clock: Clock;
  processes: SimProcess[];
  emit(client: number, type: EventType, detail?: string): void;
}

/** What a strategy sees of one client. */
export interface ClientContext {
  id: number;
  process: SimProcess;
  settings: SimSettings;
  redis: SimRedis;
  /** The race's own cache key, lock key and release channel. */
  keys: RaceKeys;
  clock: Clock;
  /** A draw from this client's own random stream. */
  random(): number;
  backend: Backend;
  emit(type: EventType, detail?: string): void;
  /** Calls the backend; the encoded value to cache. Throws BackendFailure or Crashed. */
  compute(): Promise<string>;
  /** Throws GaveUp once the client has waited past `clientTimeoutMs`. */
  checkDeadline(): void;
  /** Work the run must wait for although the client has already been served (a background refresh). */
  background(work: Promise<unknown>): void;
}

export type Served = 'fresh' | 'stale';

/** The knobs only some strategies read; the settings form shows each one while a raced strategy declares it. */
export type Knob = 'lockTtlMs' | 'pollIntervalMs' | 'beta' | 'instances' | 'watchdog';

/**
 * One way of protecting the cache. Adding a strategy means one file exporting one of these and
 * one line in the registry.
 */
export interface Strategy {
  id: StrategyId;
  label: string;
  /** One sentence for the learner. */
  summary: string;
  /** What the cache holds at the start of the textbook race for this strategy. */
  initialCache: 'missing' | 'stale' | 'fresh';
  /** The strategy-specific knobs it reads (the rest apply to every race). */
  knobs: readonly Knob[];
  /** Opens what the strategy shares across clients (subscribers); returns how to close it. */
  start?(run: RunContext): Promise<() => Promise<void>>;
  serve(client: ClientContext): Promise<Served>;
}

/** The lock holder's process died: it never writes the value and never releases the lock. */
export class Crashed extends Error {
  constructor() {
    super('the lock holder crashed');
  }
}

export class GaveUp extends Error {
  constructor(ms: number) {
    super(`gave up after waiting ${ms} ms`);
  }
}
