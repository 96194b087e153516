import { arrivalTimes } from './arrivals';
import { Backend, BackendFailure } from './backend';
import { clientContext, type ClientServices } from './client';
import { realClock } from './clock';
import { CommandRate, countingRedis } from './counting';
import { Crashes } from './crashes';
import { FAULT_LABELS, type FaultKind } from './faults';
import { KeyLog } from './keyLog';
import { Recorder } from './recorder';
import type { SimSettings } from './settings';
import { Crashed, GaveUp, type ClientContext, type Served, type SimProcess, type Strategy } from './strategy';
import { strategyOf } from './strategies/registry';
import { ScriptFailure } from './strategies/customScripts';
import { SWR_PHYSICAL_TTL_FACTOR } from './strategies/swr';
import { summarize } from './summary';
import type { Clock, SimRedis, Summary } from './types';
import { jitteredTtl } from './ttlJitter';
import { encodeValue, manyKeys, type RaceKeys } from './value';

export interface RaceDeps {
  redis: SimRedis;
  /** The race's own keys (raceKeys(id)), apart from the learner's. */
  keys: RaceKeys;
  clock?: Clock;
  /** Events kept for replay; later events still count in the summary. */
  maxEvents?: number;
  /** Drops the run's connections and wipes these keys, the race's own (the "Redis restart" fault). */
  restartRedis?: (keys: string[]) => Promise<void>;
  /** A class race: for this many ms after the start, `admit` lets real clients join. */
  admissionWindowMs?: number;
}

export type ClientOutcome = 'fresh' | 'stale' | 'failed';

/** A real client let into a class race: its lane, and, once it is done, how it fared. */
export interface AdmittedClient {
  client: number;
  finished: Promise<{ outcome: ClientOutcome; latencyMs: number }>;
}

/** `admit` outside the admission window; the message says why, for the participant. */
export class AdmissionClosed extends Error {}

const REDIS_RETRIES = 3;
const noCleanUp = async (): Promise<void> => undefined;

/** One race: N clients asking for one cache key (or many) through one strategy, against a real Redis. */
export class Race {
  readonly recorder: Recorder;
  readonly keyLog: KeyLog;
  /** The cache key and lock whose events the race records: the only ones, or a many-keys race's first. */
  readonly keys: RaceKeys;
  /** Every cache key with its lock. */
  readonly keySet: RaceKeys[];
  readonly strategy: Strategy;
  readonly backend: Backend;
  readonly initialCache: 'missing' | 'stale' | 'fresh';
  commands = 0;
  readonly commandRate = new CommandRate();
  served = 0;
  servedStale = 0;
  failures = 0;
  latencies: number[] = [];
  firstRegenerationAt: number | null = null;
  endedAt: number | null = null;
  /** Display names of labelled lanes (a class race's participants), by client index. */
  readonly labels = new Map<number, string>();
  private admitted = 0;
  private lastDoneAt: number | null = null;
  /** Ms into the run when the starting values were written: the set-up's round trips come first. */
  private cacheWrittenAt = 0;
  private finished = false;
  private readonly clock: Clock;
  private readonly t0: number;
  private readonly backgroundWork: Promise<unknown>[] = [];
  private readonly crashes = new Crashes();
  private services: ClientServices | undefined;
  /** App processes by cache key (key 0's are the ones the strategy started); each key has its own in-process memory. */
  private readonly processesByKey = new Map<number, SimProcess[]>();
  /** Clients still on their way; a counter, not a promise per client, so a burst allocates less. */
  private running = 0;
  private admissionOpen: boolean;
  private everyoneDone: (() => void) | undefined;
  /** Settles once the clients may run (true) or the set-up failed (false); admitted clients wait for it. */
  private readonly ready: Promise<boolean>;
  private setReady!: (ok: boolean) => void;

  constructor(
    readonly settings: SimSettings,
    private readonly deps: RaceDeps,
  ) {
    this.clock = deps.clock ?? realClock;
    this.t0 = this.clock.now();
    this.recorder = new Recorder(() => this.elapsed(), deps.maxEvents ?? 250_000);
    this.keySet = manyKeys(deps.keys, settings.keys);
    this.keys = this.keySet[0]!;
    this.keyLog = new KeyLog(this.keys, () => this.elapsed());
    this.strategy = strategyOf(settings.strategy);
    this.backend = new Backend(settings);
    this.initialCache = settings.initialCache === 'auto' ? this.strategy.initialCache : settings.initialCache;
    this.admissionOpen = (deps.admissionWindowMs ?? 0) > 0;
    this.ready = new Promise((resolve) => (this.setReady = resolve));
  }

  /** Simulated clients plus the real ones admitted so far. */
  get clients(): number {
    return this.settings.clients + this.admitted;
  }

  elapsed(): number {
    return this.clock.now() - this.t0;
  }

  /** Runs every client to the end and answers the summary; the run's keys are gone afterwards. */
  async run(): Promise<Summary> {
    const { settings, clock } = this;
    const redis = countingRedis(this.deps.redis, () => {
      this.commands += 1;
      this.commandRate.add(this.elapsed());
    });
    const processes = this.processesOf(0);
    const emit = this.recorder.emit.bind(this.recorder);
    const { keys } = this;
    let unwatch = noCleanUp;
    try {
      // Independent set-up, so the round trips overlap: the strategy's subscribers, and the key watch
      // followed by the cache's starting state (watched, so the track starts with it).
      const watching = async () => {
        unwatch = (await this.deps.redis.watch?.([keys.data, keys.lock], this.keyLog.notice)) ?? noCleanUp;
        await this.prepareCache();
      };
      const [stop] = await Promise.all([this.strategy.start?.({ settings, redis, keys, clock, processes, emit }) ?? noCleanUp, watching()]);
      this.services = {
        settings,
        redis,
        keySet: this.keySet,
        clock,
        backend: this.backend,
        processesOf: (k) => this.processesOf(k),
        emit,
        background: (work) => void this.backgroundWork.push(work.catch(() => undefined)),
        crashSignal: () => this.crashes.signal(),
        onBackendStart: () => void (this.firstRegenerationAt ??= this.elapsed()),
      };
      this.setReady(true);
      try {
        const everyoneDone = new Promise<void>((resolve) => (this.everyoneDone = resolve));
        arrivalTimes(settings).forEach((at, id) => this.arrive(id, at));
        await this.closeAdmission();
        await everyoneDone;
        this.endedAt = this.lastDoneAt ?? this.elapsed();
        await Promise.all(this.backgroundWork);
      } finally {
        await stop();
      }
    } finally {
      this.finished = true;
      this.admissionOpen = false;
      this.setReady(false);
      // The last notices first: the clean-up below is not part of the race.
      await unwatch().catch(() => undefined);
      await this.deps.redis.del(...this.keyNames()).catch(() => undefined);
    }
    return this.summary();
  }

  /**
   * Lets one real client into a class race. It arrives now, runs the race's strategy against the
   * same key as the simulated clients, and gets the next lane. Throws AdmissionClosed when the race
   * has no admission window, once the window has closed, or when the race is over.
   */
  admit(label?: string): AdmittedClient {
    const windowMs = this.deps.admissionWindowMs ?? 0;
    if (this.finished) throw new AdmissionClosed('This race has finished; wait for the next one.');
    if (windowMs <= 0) throw new AdmissionClosed('This race takes no clients from outside; only a class race does.');
    if (!this.admissionOpen || this.elapsed() >= windowMs) {
      throw new AdmissionClosed(`This race stopped letting clients in ${(windowMs / 1000).toLocaleString('en')} s after it began.`);
    }
    const id = this.clients;
    this.admitted += 1;
    if (label !== undefined) this.labels.set(id, label);
    this.running += 1;
    const started = this.clock.now();
    this.recorder.emit(id, 'request');
    const finished = this.ready
      .then((ok) => (ok ? this.serve(clientContext(id, started, this.services!), started, 1) : this.giveUp()))
      .then((outcome) => ({ outcome, latencyMs: Math.round((this.clock.now() - started) * 100) / 100 }));
    return { client: id, finished };
  }

  summary(): Summary {
    return summarize(this);
  }

  /**
   * Ms into the run at which the value the clients found first would expire, if there was one: its
   * TTL after it was written, not after the start, or a busy machine's slow set-up would seem to
   * move the expiry earlier than the readers saw it.
   */
  initialExpiryAt(): number | null {
    return this.initialCache === 'fresh' ? this.cacheWrittenAt + jitteredTtl(this.settings, -1) : this.initialCache === 'stale' ? 0 : null;
  }

  async fault(kind: FaultKind): Promise<void> {
    this.recorder.emit(-1, 'fault', FAULT_LABELS[kind].label);
    switch (kind) {
      case 'crash-holder':
        this.crashes.crashHolder();
        return;
      case 'slow-backend':
        this.backend.slowMs = this.settings.lockTtlMs * 2;
        return;
      case 'delete-key':
        await this.deps.redis.del(...this.keySet.map((keys) => keys.data));
        return;
      case 'redis-restart':
        if (!this.deps.restartRedis) throw new Error('This run cannot restart its Redis connections.');
        await this.deps.restartRedis(this.keyNames());
    }
  }

  /** Every key name the race may write. */
  private keyNames(): string[] {
    return this.keySet.flatMap((keys) => [keys.data, keys.lock]);
  }

  private processesOf(k: number): SimProcess[] {
    let processes = this.processesByKey.get(k);
    if (!processes) this.processesByKey.set(k, (processes = Array.from({ length: this.settings.instances }, (_, id) => ({ id, memory: new Map() }))));
    return processes;
  }

  /**
   * The state an expired key leaves behind: nothing, a stale value, or one about to expire. Every
   * cache key is written at once, as a deploy or a cache warm-up writes them; with TTL jitter each
   * gets its own TTL, so they expire apart.
   */
  private async prepareCache(): Promise<void> {
    const { redis } = this.deps;
    const { cacheTtlMs, backendLatencyMs } = this.settings;
    // The keys are the race's own and new, so there is nothing to clear first.
    const now = this.clock.epochMs();
    this.cacheWrittenAt = Math.round(this.elapsed() * 100) / 100;
    await Promise.all(
      this.keySet.map((keys, k) => {
        if (this.initialCache === 'stale') {
          return redis.set(keys.data, encodeValue({ v: 'stale value', soft: now - 1, delta: backendLatencyMs }), cacheTtlMs * SWR_PHYSICAL_TTL_FACTOR);
        }
        if (this.initialCache !== 'fresh') return;
        const ttl = jitteredTtl(this.settings, -1 - k);
        return redis.set(keys.data, encodeValue({ v: 'initial value', soft: now + ttl, delta: backendLatencyMs }), ttl);
      }),
    );
  }

  /** Waits out the admission window, if any; the race ends only once it has closed. */
  private async closeAdmission(): Promise<void> {
    const left = (this.deps.admissionWindowMs ?? 0) - this.elapsed();
    if (left > 0) await this.clock.sleep(left);
    this.admissionOpen = false;
    this.settleIfDone();
  }

  private settleIfDone(): void {
    if (this.running === 0 && !this.admissionOpen) this.everyoneDone?.();
  }

  /** A client's arrival: a burst's clients start at once, without a timer or a promise to wait on. */
  private arrive(id: number, arrival: number): void {
    this.running += 1;
    const wait = arrival - this.elapsed();
    if (wait > 0) void this.clock.sleep(wait).then(() => this.request(id));
    else void this.request(id);
  }

  private request(id: number): Promise<ClientOutcome> {
    const started = this.clock.now();
    this.recorder.emit(id, 'request');
    return this.serve(clientContext(id, started, this.services!), started, 1);
  }

  /** An admitted client of a race whose set-up failed. */
  private giveUp(): ClientOutcome {
    this.failures += 1;
    this.clientDone();
    return 'failed';
  }

  private clientDone(): void {
    this.running -= 1;
    this.lastDoneAt = this.elapsed();
    this.settleIfDone();
  }

  /**
   * One client from its request until it is served or fails; never rejects. A `.then` chain rather
   * than an async loop: a burst holds 10,000 of these at once, and an async frame each was a large
   * part of what the garbage collector had to copy.
   */
  private serve(ctx: ClientContext, started: number, attempt: number): Promise<ClientOutcome> {
    return this.strategy.serve(ctx).then(
      (served) => this.onServed(ctx.id, started, served),
      (error: unknown) => this.onFailed(ctx, started, attempt, error),
    );
  }

  private onServed(id: number, started: number, served: Served): ClientOutcome {
    this.recorder.emit(id, served === 'fresh' ? 'served-fresh' : 'served-stale');
    this.served += 1;
    if (served === 'stale') this.servedStale += 1;
    this.latencies.push(this.clock.now() - started);
    this.clientDone();
    return served;
  }

  private onFailed(ctx: ClientContext, started: number, attempt: number, error: unknown): ClientOutcome | Promise<ClientOutcome> {
    const final =
      error instanceof BackendFailure || error instanceof Crashed || error instanceof GaveUp || error instanceof ScriptFailure || attempt > REDIS_RETRIES;
    // A Redis error (a dropped connection) is retried, as an app would; the others end the request.
    if (!(error instanceof Crashed)) this.recorder.emit(ctx.id, 'error', (error as Error).message);
    if (!final) return this.clock.sleep(20 * attempt).then(() => this.serve(ctx, started, attempt + 1));
    this.failures += 1;
    this.clientDone();
    return 'failed';
  }
}
