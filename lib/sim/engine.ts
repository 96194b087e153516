import { arrivalTimes } from './arrivals';
import { Backend, BackendFailure } from './backend';
import { clientContext, type ClientServices } from './client';
import { realClock } from './clock';
import { countingRedis } from './counting';
import { FAULT_LABELS, type FaultKind } from './faults';
import { Recorder } from './recorder';
import type { SimSettings } from './settings';
import { Crashed, GaveUp, type SimProcess, type Strategy } from './strategy';
import { strategyOf } from './strategies/registry';
import { SWR_PHYSICAL_TTL_FACTOR } from './strategies/swr';
import { summarize } from './summary';
import type { Clock, SimRedis, Summary } from './types';
import { encodeValue, KEYS } from './value';

export interface RaceDeps {
  redis: SimRedis;
  clock?: Clock;
  /** Events kept for replay; later events still count in the summary. */
  maxEvents?: number;
  /** Drops the run's connections and wipes its keys (the "Redis restart" fault). */
  restartRedis?: () => Promise<void>;
}

const REDIS_RETRIES = 3;
const noCleanUp = async () => undefined;

/** One race: N clients asking for one cache key through one strategy, against a real Redis. */
export class Race {
  readonly recorder: Recorder;
  readonly strategy: Strategy;
  readonly backend: Backend;
  readonly initialCache: 'missing' | 'stale' | 'fresh';
  commands = 0;
  served = 0;
  servedStale = 0;
  failures = 0;
  latencies: number[] = [];
  firstRegenerationAt: number | null = null;
  endedAt: number | null = null;
  private readonly clock: Clock;
  private readonly t0: number;
  private readonly backgroundWork: Promise<unknown>[] = [];
  private readonly crashables = new Set<() => void>();
  private crashNext = false;
  private services: ClientServices | undefined;
  /** Clients still on their way; a counter, not a promise per client, so a burst allocates less. */
  private running = 0;
  private everyoneDone: (() => void) | undefined;

  constructor(
    readonly settings: SimSettings,
    private readonly deps: RaceDeps,
  ) {
    this.clock = deps.clock ?? realClock;
    this.t0 = this.clock.now();
    this.recorder = new Recorder(() => this.elapsed(), deps.maxEvents ?? 250_000);
    this.strategy = strategyOf(settings.strategy);
    this.backend = new Backend(settings);
    this.initialCache = settings.initialCache === 'auto' ? this.strategy.initialCache : settings.initialCache;
  }

  elapsed(): number {
    return this.clock.now() - this.t0;
  }

  /** Runs every client to the end and answers the summary; the run's keys are gone afterwards. */
  async run(): Promise<Summary> {
    const { settings, clock } = this;
    const redis = countingRedis(this.deps.redis, () => (this.commands += 1));
    const processes: SimProcess[] = Array.from({ length: settings.instances }, (_, id) => ({ id, memory: new Map() }));
    const emit = this.recorder.emit.bind(this.recorder);
    try {
      // Independent set-up, so both round trips overlap: the strategy's subscribers and the cache's starting state.
      const [stop] = await Promise.all([this.strategy.start?.({ settings, redis, clock, processes, emit }) ?? noCleanUp, this.prepareCache()]);
      this.services = {
        settings,
        redis,
        clock,
        backend: this.backend,
        processes,
        emit,
        background: (work) => void this.backgroundWork.push(work.catch(() => undefined)),
        crashSignal: () => this.crashSignal(),
        onBackendStart: () => void (this.firstRegenerationAt ??= this.elapsed()),
      };
      try {
        const everyoneDone = new Promise<void>((resolve) => (this.everyoneDone = resolve));
        arrivalTimes(settings).forEach((at, id) => this.arrive(id, at));
        this.settleIfDone();
        await everyoneDone;
        this.endedAt = this.elapsed();
        await Promise.all(this.backgroundWork);
      } finally {
        await stop();
      }
    } finally {
      await this.deps.redis.del(KEYS.data, KEYS.lock).catch(() => undefined);
    }
    return this.summary();
  }

  summary(): Summary {
    return summarize(this);
  }

  /** Ms into the run at which the value the clients found first would expire, if there was one. */
  initialExpiryAt(): number | null {
    return this.initialCache === 'fresh' ? this.settings.cacheTtlMs : this.initialCache === 'stale' ? 0 : null;
  }

  async fault(kind: FaultKind): Promise<void> {
    this.recorder.emit(-1, 'fault', FAULT_LABELS[kind].label);
    switch (kind) {
      case 'crash-holder':
        if (this.crashables.size === 0) this.crashNext = true;
        for (const crash of this.crashables) crash();
        return;
      case 'slow-backend':
        this.backend.slowMs = this.settings.lockTtlMs * 2;
        return;
      case 'delete-key':
        await this.deps.redis.del(KEYS.data);
        return;
      case 'redis-restart':
        if (!this.deps.restartRedis) throw new Error('This run cannot restart its Redis connections.');
        await this.deps.restartRedis();
    }
  }

  private crashSignal() {
    let crash!: () => void;
    const crashed = new Promise<void>((resolve) => (crash = resolve));
    if (this.crashNext) {
      this.crashNext = false;
      crash();
    }
    this.crashables.add(crash);
    return { crashed, done: () => void this.crashables.delete(crash) };
  }

  /** The state an expired key leaves behind: nothing, a stale value, or one about to expire. */
  private async prepareCache(): Promise<void> {
    const { redis } = this.deps;
    const { cacheTtlMs, backendLatencyMs } = this.settings;
    await redis.del(KEYS.data, KEYS.lock);
    const now = this.clock.epochMs();
    if (this.initialCache === 'stale') {
      await redis.set(KEYS.data, encodeValue({ v: 'stale value', soft: now - 1, delta: backendLatencyMs }), cacheTtlMs * SWR_PHYSICAL_TTL_FACTOR);
    } else if (this.initialCache === 'fresh') {
      await redis.set(KEYS.data, encodeValue({ v: 'initial value', soft: now + cacheTtlMs, delta: backendLatencyMs }), cacheTtlMs);
    }
  }

  /** A client's arrival: a burst's clients start at once, without a timer or a promise to wait on. */
  private arrive(id: number, arrival: number): void {
    this.running += 1;
    const wait = arrival - this.elapsed();
    if (wait > 0) void this.clock.sleep(wait).then(() => this.serve(id));
    else void this.serve(id);
  }

  private settleIfDone(): void {
    if (this.running === 0) this.everyoneDone?.();
  }

  /** One client from its request until it is served or fails; it never throws. */
  private async serve(id: number): Promise<void> {
    const { clock, recorder } = this;
    const started = clock.now();
    recorder.emit(id, 'request');
    const ctx = clientContext(id, started, this.services!);
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const served = await this.strategy.serve(ctx);
          recorder.emit(id, served === 'fresh' ? 'served-fresh' : 'served-stale');
          this.served += 1;
          if (served === 'stale') this.servedStale += 1;
          this.latencies.push(clock.now() - started);
          return;
        } catch (error) {
          const final = error instanceof BackendFailure || error instanceof Crashed || error instanceof GaveUp || attempt > REDIS_RETRIES;
          // A Redis error (a dropped connection) is retried, as an app would; the others end the request.
          if (!(error instanceof Crashed)) recorder.emit(id, 'error', (error as Error).message);
          if (final) {
            this.failures += 1;
            return;
          }
          await clock.sleep(20 * attempt);
        }
      }
    } finally {
      this.running -= 1;
      this.settleIfDone();
    }
  }
}
