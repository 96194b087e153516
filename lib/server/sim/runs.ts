import 'server-only';
import { randomBytes } from 'node:crypto';
import { AdmissionClosed, Race, type AdmittedClient } from '@/lib/sim/engine';
import type { FaultKind } from '@/lib/sim/faults';
import { cleanLabel } from '@/lib/sim/labels';
import { MAX_CLIENTS, type SimSettings } from '@/lib/sim/settings';
import { raceKeys } from '@/lib/sim/value';
import type { KeyEvent, SimEvent, Summary } from '@/lib/sim/types';
import { DomainError } from '../errors';
import { keyEventHub } from '../events';
import { checkKeyChangeShare } from '../events/changeRate';
import { namespaceOf, type Namespace } from '../session/namespace';
import { checkShare, leaveLine } from './capacity';
import { openLearnerScripts } from './learnerScripts';
import { loggingCleanUp, openRunConnection } from './simRedis';
import { recordRaceAdmission, recordRaceEnd, recordRaceStart } from '../metrics/record';

/**
 * Races share one Redis and one 2-core machine; these keep one learner from starving the rest.
 * The per-session limits hold across app instances (runStore.ts keeps them in Redis); how an
 * instance shares its own capacity between sessions is capacity.ts.
 */
export const LIMITS = {
  keptPerSession: 10,
  keptForMs: 30 * 60_000,
  /**
   * A finished run stays in the memory of the instance that ran it this long (its events can run to
   * megabytes); after that its copy in Redis answers, as it does on every other instance.
   */
  finishedInMemoryMs: 60_000,
  eventsPerRun: 250_000,
  clientsPerSessionPerMinute: 40_000,
  /** Every race opens its own connections (1 + P subscribers), so many tiny races cost as much as a big one. */
  runsPerSessionPerMinute: 20,
  /** A class race: how long real clients may keep joining, and how many may. */
  admissionWindowMs: 10_000,
  admittedPerRun: 500,
};

export type RunStatus = 'running' | 'done' | 'failed';

export interface SimRun {
  id: string;
  /** The owner's namespace id: the learner's, or a workshop room's. */
  owner: string;
  /** Namespace ids of the sessions that may read the run besides the owner (a class race's teacher and participants). */
  viewers: Set<string>;
  /** Namespace id → client index, for the sessions admitted into a class race. */
  admitted: Map<string, number>;
  settings: SimSettings;
  status: RunStatus;
  race: Race;
  error?: string;
  startedAt: number;
  finished: Promise<void>;
}

interface Runs {
  byId: Map<string, SimRun>;
}

const globalForRuns = globalThis as unknown as { stampedeSimRuns?: Runs };

function runs(): Runs {
  globalForRuns.stampedeSimRuns ??= { byId: new Map() };
  return globalForRuns.stampedeSimRuns;
}

export interface RunOptions {
  /** Session ids that may read the run (GET /api/sim/<id> and its events) besides the owner. */
  viewers?: Iterable<string>;
  /** A class race: for this many ms (at most 10 s) after the start, `admitClient` lets real clients join. */
  admissionWindowMs?: number;
}

/**
 * What refuses a race without asking Redis: 422 for settings out of range, 429 when this
 * instance has no room for it in the owner's share (capacity.ts).
 */
export function checkStart(owner: Namespace, settings: SimSettings, options: RunOptions = {}): void {
  const admissionWindowMs = options.admissionWindowMs ?? 0;
  if (!(admissionWindowMs >= 0 && admissionWindowMs <= LIMITS.admissionWindowMs)) {
    throw new DomainError('refused', `An admission window must be between 0 and ${LIMITS.admissionWindowMs.toLocaleString('en')} ms.`);
  }
  if (!(settings.clients >= (admissionWindowMs > 0 ? 0 : 1) && settings.clients <= MAX_CLIENTS)) {
    throw new DomainError('refused', `A race needs 1 to ${MAX_CLIENTS.toLocaleString('en')} simulated clients, or 0 with an admission window.`);
  }
  // A race's scripts and writes change the session's keys too.
  checkKeyChangeShare(keyEventHub().changeRate, owner.id);
  const running = [...runs().byId.values()].filter((run) => run.status === 'running');
  checkShare(
    owner.id,
    settings.clients,
    running.map((run) => ({ owner: run.owner, clients: run.settings.clients })),
  );
}

/** Forgets finished runs past the per-session cap, and anyone's finished runs past half an hour. */
function prune(owner: string): void {
  const now = Date.now();
  for (const run of runs().byId.values()) {
    if (run.status !== 'running' && now - run.startedAt > LIMITS.keptForMs) runs().byId.delete(run.id);
  }
  const finished = [...runs().byId.values()].filter((run) => run.owner === owner && run.status !== 'running');
  const excess = finished.length - LIMITS.keptPerSession;
  for (const run of finished.sort((a, b) => a.startedAt - b.startedAt).slice(0, Math.max(0, excess))) runs().byId.delete(run.id);
}

/**
 * Starts a race on this instance, in the owner's namespace: a learner's (POST /api/sim) or, for a
 * class race, a workshop room's. `settings.clients` may be 0 when an admission window brings the
 * clients. The per-session limits are the caller's (races.startRace claims them in Redis); this
 * throws what `checkStart` throws.
 */
export async function startRun(owner: Namespace, settings: SimSettings, options: RunOptions = {}): Promise<SimRun> {
  // A custom race's scripts compile, and may run as the owner's Redis user, or the race does not start.
  const learner = settings.strategy === 'custom' && settings.custom ? await openLearnerScripts(owner, settings.custom) : undefined;
  const connection = await openRunConnection(owner.prefix).catch((error: unknown) => {
    learner?.close();
    throw error;
  });
  // After the await, and with none left before the run counts, so two starts cannot both take the last place.
  try {
    checkStart(owner, settings, options);
  } catch (error) {
    connection.close();
    learner?.close();
    throw error;
  }
  const admissionWindowMs = options.admissionWindowMs ?? 0;
  const id = randomBytes(9).toString('base64url');
  const keys = raceKeys(id);
  const logged = loggingCleanUp(connection.redis, { race: id, owner: owner.id });
  const redis = learner ? { ...logged, evalLearner: learner.evalLearner } : logged;
  const race = new Race(settings, { redis, keys, maxEvents: LIMITS.eventsPerRun, restartRedis: connection.restart, admissionWindowMs });
  const run: SimRun = {
    id,
    owner: owner.id,
    viewers: new Set([...(options.viewers ?? [])].map((sessionId) => namespaceOf(sessionId).id)),
    admitted: new Map(),
    settings,
    status: 'running',
    race,
    startedAt: Date.now(),
    finished: Promise.resolve(),
  };
  run.finished = race.run().then(
    () => void (run.status = 'done'),
    (error: unknown) => {
      run.status = 'failed';
      run.error = `The race stopped: ${error instanceof Error ? error.message : String(error)}.`;
    },
  );
  void run.finished.finally(() => {
    recordRaceEnd(run);
    connection.close();
    learner?.close();
    prune(owner.id);
    setTimeout(() => runs().byId.delete(run.id), LIMITS.finishedInMemoryMs).unref();
  });
  runs().byId.set(run.id, run);
  recordRaceStart(run, admissionWindowMs);
  leaveLine(owner.id);
  return run;
}

export const raceNotFound = () => new DomainError('not-found', 'There is no race with this id in your session.');

/** A run this instance runs (or ran), whoever may read it. */
export function localRun(id: string): SimRun | undefined {
  return runs().byId.get(id);
}

/** Whether a session (by namespace id) may read a run: its own, or one it views. */
export function mayRead(run: SimRun, namespaceId: string): boolean {
  return run.owner === namespaceId || run.viewers.has(namespaceId);
}

function runById(id: string): SimRun {
  const run = localRun(id);
  if (!run) throw raceNotFound();
  return run;
}

/** Lets one more session read a run (a participant who arrives late); 404 for an unknown run. */
export function allowViewer(runId: string, sessionId: string): void {
  runById(runId).viewers.add(namespaceOf(sessionId).id);
}

/**
 * Lets a session's browser into a class race as one more client: it arrives now, runs the race's
 * strategy on the same key, and its lane carries `label` (cleaned by `cleanLabel`). The session
 * may read the run from then on. Answers the client's lane and a promise of how it fared.
 * Throws DomainError: not-found for an unknown run; conflict for a race without an admission window,
 * after the window or the race, a session already in, or a full race; refused for a label with
 * nothing visible in it.
 */
export function admitClient(runId: string, sessionId: string, label: string): AdmittedClient {
  return admitMember(runById(runId), namespaceOf(sessionId).id, label);
}

/** `admitClient` for a session known by its namespace id (an admission another instance forwards). */
export function admitMember(run: SimRun, member: string, label: string): AdmittedClient {
  const already = run.admitted.get(member);
  if (already !== undefined) throw new DomainError('conflict', `You are already in this race, as client #${already}.`);
  if (run.admitted.size >= LIMITS.admittedPerRun) throw new DomainError('conflict', `This race is full: ${LIMITS.admittedPerRun} participants have joined it.`);
  const name = cleanLabel(label);
  if (name === null) throw new DomainError('refused', 'A display name needs at least one visible character.');
  let admitted: AdmittedClient;
  try {
    admitted = run.race.admit(name);
  } catch (error) {
    if (error instanceof AdmissionClosed) throw new DomainError('conflict', error.message);
    throw error;
  }
  run.admitted.set(member, admitted.client);
  recordRaceAdmission();
  run.viewers.add(member);
  return admitted;
}

/** The lane a session's browser got in a class race, if it was let in. */
export function admittedClientOf(runId: string, sessionId: string): number | undefined {
  return localRun(runId)?.admitted.get(namespaceOf(sessionId).id);
}

export async function applyFault(run: SimRun, kind: FaultKind): Promise<void> {
  if (run.status !== 'running') throw new DomainError('conflict', 'This race has finished; faults apply to a running race.');
  await run.race.fault(kind);
}

export interface RunView {
  id: string;
  status: RunStatus;
  settings: SimSettings;
  summary: Summary;
  events: SimEvent[];
  /** Lane labels (a class race's participants) by client index; empty for a learner's race. */
  labels: Record<number, string>;
  /** What the race's cache key and lock key did, as Redis reported it; empty without the events. */
  keyEvents: KeyEvent[];
  error?: string;
}

export function viewOf(run: SimRun, withEvents = true): RunView {
  const { race } = run;
  const view: RunView = {
    id: run.id,
    status: run.status,
    settings: run.settings,
    summary: race.summary(),
    events: withEvents ? race.recorder.read() : [],
    labels: Object.fromEntries(race.labels),
    keyEvents: withEvents ? race.keyLog.read() : [],
  };
  if (run.error) view.error = run.error;
  return view;
}
