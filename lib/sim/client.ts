import { BackendFailure, type Backend } from './backend';
import { ClientStream } from './random';
import type { SimSettings } from './settings';
import { settingsOfClient } from './ttlJitter';
import { Crashed, GaveUp, type ClientContext, type SimProcess } from './strategy';
import type { Clock, EventType, SimRedis } from './types';
import { encodeValue, type RaceKeys } from './value';

/** What the race lends each client: shared services plus hooks the faults reach into. */
export interface ClientServices {
  settings: SimSettings;
  redis: SimRedis;
  /** Every cache key of the race with its lock: one, or a many-keys race's. */
  keySet: RaceKeys[];
  clock: Clock;
  backend: Backend;
  /** The app processes, each with a memory of its own for cache key k. */
  processesOf(k: number): SimProcess[];
  emit(client: number, type: EventType, detail?: string): void;
  background(work: Promise<unknown>): void;
  /** Resolves (with the crash) when the "crash the lock holder" fault picks this regeneration. */
  crashSignal(): { crashed: Promise<void>; done: () => void };
  onBackendStart(): void;
}

/**
 * One client. A class rather than an object of closures: a 10,000-client burst allocates all of
 * them at once, and on a busy machine the garbage collector was most of the burst's cost.
 */
class SimClient implements ClientContext {
  readonly process: SimProcess;
  /** Client n reads cache key n mod keys. */
  readonly keys: RaceKeys;
  private readonly stream: ClientStream;
  /** Only with TTL jitter: the settings with this client's own cache TTL. */
  private readonly jittered: SimSettings | undefined;

  constructor(
    readonly id: number,
    private readonly started: number,
    private readonly services: ClientServices,
  ) {
    const k = id % services.keySet.length;
    this.keys = services.keySet[k]!;
    const processes = services.processesOf(k);
    this.process = processes[id % processes.length]!;
    this.stream = new ClientStream(services.settings.seed, id);
    if (services.settings.ttlJitterMs > 0) this.jittered = settingsOfClient(services.settings, id);
  }

  // Shared services are read through the services object rather than copied into every client.
  get settings(): SimSettings {
    return this.jittered ?? this.services.settings;
  }

  get redis(): SimRedis {
    return this.services.redis;
  }

  get clock(): Clock {
    return this.services.clock;
  }

  get backend(): Backend {
    return this.services.backend;
  }

  random(): number {
    return this.stream.next();
  }

  emit(type: EventType, detail?: string): void {
    this.services.emit(this.id, type, detail);
  }

  background(work: Promise<unknown>): void {
    this.services.background(work);
  }

  checkDeadline(): void {
    if (this.clock.now() - this.started > this.settings.clientTimeoutMs) throw new GaveUp(this.settings.clientTimeoutMs);
  }

  async compute(): Promise<string> {
    const { backend, clock, settings } = this;
    // Drawn before the call so that the draws do not depend on timing.
    const random = () => this.random();
    const latency = backend.latency(random);
    const fails = backend.fails(random);
    const overlapping = backend.enter();
    this.services.onBackendStart();
    this.emit('backend-start', `${Math.round(latency)} ms`);
    if (overlapping) this.emit('overlap', `${backend.inFlight} regenerations at once`);
    const began = clock.now();
    const crash = this.services.crashSignal();
    const query = backend.query(latency, clock);
    try {
      const outcome = await Promise.race([
        query.done.then(() => 'ok' as const),
        crash.crashed.then(() => 'crash' as const),
        clock.sleep(settings.backendTimeoutMs).then(() => 'timeout' as const),
      ]);
      if (outcome === 'crash') {
        this.emit('crash', 'the lock is never released');
        throw new Crashed();
      }
      if (outcome === 'timeout') {
        const message = `timed out after ${settings.backendTimeoutMs.toLocaleString('en')} ms`;
        this.emit('backend-fail', message);
        throw new BackendFailure(`the backend ${message}`);
      }
      if (fails) {
        this.emit('backend-fail');
        throw new BackendFailure();
      }
      this.emit('backend-end');
    } finally {
      query.cancel();
      crash.done();
      backend.leave();
    }
    const delta = clock.now() - began;
    return encodeValue({ v: `computed by client ${this.id}`, soft: clock.epochMs() + settings.cacheTtlMs, delta });
  }
}

export function clientContext(id: number, started: number, services: ClientServices): ClientContext {
  return new SimClient(id, started, services);
}
