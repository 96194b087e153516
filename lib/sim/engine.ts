import { Admission, type AdmittedClient } from './admission';
import { arrivalTimes } from './arrivals';
import { Backend } from './backend';
import { clientContext, type ClientServices } from './client';
import { ClientRuns } from './clientRuns';
import { realClock } from './clock';
import { CommandRate, countingRedis } from './counting';
import { Crashes } from './crashes';
import type { FaultKind } from './faults';
import { KeyLog } from './keyLog';
import { applyFault } from './raceFaults';
import { Recorder } from './recorder';
import type { SimSettings } from './settings';
import { startingExpiry, writeStartingCache, type StartingCache } from './startingCache';
import type { SimProcess, Strategy } from './strategy';
import { strategyOf } from './strategies/registry';
import { summarize } from './summary';
import type { Clock, SimRedis, Summary } from './types';
import { manyKeys, type RaceKeys } from './value';

// The race's edges, named where the race is.
export { AdmissionClosed, type AdmittedClient } from './admission';

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
  readonly initialCache: StartingCache;
  /** Every client's way from request to outcome, and the tallies of how they fared. */
  readonly clientRuns: ClientRuns;
  commands = 0;
  readonly commandRate = new CommandRate();
  firstRegenerationAt: number | null = null;
  endedAt: number | null = null;
  /** Display names of labelled lanes (a class race's participants), by client index. */
  readonly labels: Map<number, string>;
  private readonly admission: Admission;
  private finished = false;
  private readonly clock: Clock;
  private readonly t0: number;
  /** Ms into the run when the starting values were written: the set-up's round trips come first. */
  private cacheWrittenAt = 0;
  private readonly backgroundWork: Promise<unknown>[] = [];
  private readonly crashes = new Crashes();
  private services: ClientServices | undefined;
  /** App processes by cache key (key 0's are the ones the strategy started); each key has its own in-process memory. */
  private readonly processesByKey = new Map<number, SimProcess[]>();
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
    this.clientRuns = new ClientRuns(
      this.strategy,
      this.clock,
      this.recorder,
      () => this.elapsed(),
      () => this.settleIfDone(),
    );
    this.admission = new Admission(deps.admissionWindowMs ?? 0);
    this.labels = this.admission.labels;
    this.ready = new Promise((resolve) => (this.setReady = resolve));
  }

  /** Simulated clients plus the real ones admitted so far. */
  get clients(): number {
    return this.settings.clients + this.admission.count;
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
        this.endedAt = this.clientRuns.lastDoneAt ?? this.elapsed();
        await Promise.all(this.backgroundWork);
      } finally {
        await stop();
      }
    } finally {
      this.finished = true;
      this.admission.close();
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
    this.admission.check(this.elapsed(), this.finished);
    const id = this.clients;
    this.admission.count += 1;
    if (label !== undefined) this.labels.set(id, label);
    this.clientRuns.begin();
    const started = this.clock.now();
    this.recorder.emit(id, 'request');
    const finished = this.ready
      .then((ok) => (ok ? this.clientRuns.serve(clientContext(id, started, this.services!), started) : this.clientRuns.giveUp()))
      .then((outcome) => ({ outcome, latencyMs: Math.round((this.clock.now() - started) * 100) / 100 }));
    return { client: id, finished };
  }

  summary(): Summary {
    return summarize(this);
  }

  /** Ms into the run at which the value the clients found first would expire, if there was one. */
  initialExpiryAt(): number | null {
    return startingExpiry(this.settings, this.initialCache, this.cacheWrittenAt);
  }

  fault(kind: FaultKind): Promise<void> {
    const { settings, recorder, crashes, backend, keySet } = this;
    return applyFault(
      { settings, recorder, crashes, backend, keySet, redis: this.deps.redis, keyNames: () => this.keyNames(), restartRedis: this.deps.restartRedis },
      kind,
    );
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

  private async prepareCache(): Promise<void> {
    const now = this.clock.epochMs();
    this.cacheWrittenAt = Math.round(this.elapsed() * 100) / 100;
    await writeStartingCache(this.deps.redis, this.keySet, this.settings, this.initialCache, now);
  }

  /** Waits out the admission window, if any; the race ends only once it has closed. */
  private async closeAdmission(): Promise<void> {
    const left = this.admission.windowMs - this.elapsed();
    if (left > 0) await this.clock.sleep(left);
    this.admission.close();
    this.settleIfDone();
  }

  private settleIfDone(): void {
    if (this.clientRuns.idle && !this.admission.isOpen) this.everyoneDone?.();
  }

  /** A client's arrival: a burst's clients start at once, without a timer or a promise to wait on. */
  private arrive(id: number, arrival: number): void {
    this.clientRuns.begin();
    const wait = arrival - this.elapsed();
    if (wait > 0) void this.clock.sleep(wait).then(() => this.request(id));
    else void this.request(id);
  }

  private request(id: number): void {
    const started = this.clock.now();
    this.recorder.emit(id, 'request');
    void this.clientRuns.serve(clientContext(id, started, this.services!), started);
  }
}
