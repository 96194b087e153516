import 'server-only';
import { randomBytes } from 'node:crypto';
import { AdmissionClosed, Race, type AdmittedClient } from '@/lib/sim/engine';
import type { FaultKind } from '@/lib/sim/faults';
import { cleanLabel } from '@/lib/sim/labels';
import { MAX_CLIENTS, type SimSettings } from '@/lib/sim/settings';
import type { SimEvent, Summary } from '@/lib/sim/types';
import { HttpError } from '../http/errors';
import type { Session } from '../http/session';
import type { Namespace } from '../session/namespace';
import { openRunConnection } from './simRedis';

/** Races share one Redis and one 2-core machine; these keep one learner from starving the rest. */
export const LIMITS = {
  concurrentPerSession: 1,
  /**
   * Server-wide: what a race costs is its clients, so a room of learners each racing 100 clients
   * may run side by side while two 10,000-client races fill the server.
   */
  concurrentTotal: 24,
  clientsRunningTotal: 20_000,
  keptPerSession: 10,
  keptForMs: 30 * 60_000,
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
  /** Session ids that may read the run besides the owner (a class race's participants). */
  viewers: Set<string>;
  /** Session id → client index, for the sessions admitted into a class race. */
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
  /** Races started per session, with when and how many clients, for the per-minute budgets. */
  budget: Map<string, { at: number; clients: number }[]>;
}

const globalForRuns = globalThis as unknown as { stampedeSimRuns?: Runs };

function runs(): Runs {
  globalForRuns.stampedeSimRuns ??= { byId: new Map(), budget: new Map() };
  return globalForRuns.stampedeSimRuns;
}

function checkLimits(owner: string, clients: number): void {
  const all = [...runs().byId.values()];
  if (all.some((run) => run.owner === owner && run.status === 'running')) {
    throw new HttpError(429, 'A race is already running in this session; they share the keys cache:data and cache:lock. Wait for it to finish.');
  }
  const running = all.filter((run) => run.status === 'running');
  const racing = running.reduce((sum, run) => sum + run.settings.clients, 0);
  if (running.length >= LIMITS.concurrentTotal || racing + clients > LIMITS.clientsRunningTotal) {
    throw new HttpError(429, 'The server is running as many races as it can right now. Try again in a few seconds.');
  }
  const now = Date.now();
  const recent = (runs().budget.get(owner) ?? []).filter((entry) => now - entry.at < 60_000);
  if (recent.length >= LIMITS.runsPerSessionPerMinute) {
    const wait = Math.max(1, Math.ceil((recent[0]!.at + 60_000 - now) / 1000));
    throw new HttpError(429, `You have started ${recent.length} races in the last minute, the most one session may. Wait ${wait} s, then run again.`);
  }
  const used = recent.reduce((sum, entry) => sum + entry.clients, 0);
  if (used + clients > LIMITS.clientsPerSessionPerMinute) {
    throw new HttpError(429, `This session has raced ${used.toLocaleString('en')} clients in the last minute; the limit is ${LIMITS.clientsPerSessionPerMinute.toLocaleString('en')}. Wait a minute or use fewer clients.`);
  }
  runs().budget.set(owner, [...recent, { at: now, clients }]);
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

export interface RunOptions {
  /** Session ids that may read the run (GET /api/sim/<id> and its events) besides the owner. */
  viewers?: Iterable<string>;
  /** A class race: for this many ms (at most 10 s) after the start, `admitClient` lets real clients join. */
  admissionWindowMs?: number;
}

/**
 * Starts a race in the owner's namespace: a learner's (POST /api/sim) or, for a class race, a
 * workshop room's. `settings.clients` may be 0 when an admission window brings the clients. Throws
 * HttpError 429 past the limits and 422 for an admission window out of range.
 */
export function startRun(owner: Namespace, settings: SimSettings, options: RunOptions = {}): SimRun {
  const admissionWindowMs = options.admissionWindowMs ?? 0;
  if (!(admissionWindowMs >= 0 && admissionWindowMs <= LIMITS.admissionWindowMs)) {
    throw new HttpError(422, `An admission window must be between 0 and ${LIMITS.admissionWindowMs.toLocaleString('en')} ms.`);
  }
  if (!(settings.clients >= (admissionWindowMs > 0 ? 0 : 1) && settings.clients <= MAX_CLIENTS)) {
    throw new HttpError(422, `A race needs 1 to ${MAX_CLIENTS.toLocaleString('en')} simulated clients, or 0 with an admission window.`);
  }
  checkLimits(owner.id, settings.clients);
  const connection = openRunConnection(owner.prefix);
  const race = new Race(settings, { redis: connection.redis, maxEvents: LIMITS.eventsPerRun, restartRedis: () => connection.restart(), admissionWindowMs });
  const run: SimRun = {
    id: randomBytes(9).toString('base64url'),
    owner: owner.id,
    viewers: new Set(options.viewers),
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
    connection.close();
    prune(owner.id);
  });
  runs().byId.set(run.id, run);
  return run;
}

const NOT_FOUND = 'There is no race with this id in your session.';

function runById(id: string): SimRun {
  const run = runs().byId.get(id);
  if (!run) throw new HttpError(404, NOT_FOUND);
  return run;
}

/** A run this session may read: its own, or one it views. Any other is indistinguishable from a missing one. */
export function findRun(session: Session, id: string): SimRun {
  const run = runs().byId.get(id);
  if (!run || (run.owner !== session.namespace.id && !run.viewers.has(session.id))) throw new HttpError(404, NOT_FOUND);
  return run;
}

/** A run of this session's own, for changing it (faults); viewers get the same 404 as strangers. */
export function findOwnRun(session: Session, id: string): SimRun {
  const run = runs().byId.get(id);
  if (!run || run.owner !== session.namespace.id) throw new HttpError(404, NOT_FOUND);
  return run;
}

/** Lets one more session read a run (a participant who arrives late); 404 for an unknown run. */
export function allowViewer(runId: string, sessionId: string): void {
  runById(runId).viewers.add(sessionId);
}

/**
 * Lets a session's browser into a class race as one more client: it arrives now, runs the race's
 * strategy on the same key, and its lane carries `label` (cleaned by `cleanLabel`). The session
 * may read the run from then on. Answers the client's lane and a promise of how it fared.
 * HttpError: 404 unknown run; 409 a race without an admission window, after the window or the
 * race, a session already in, or a full race; 422 a label with nothing visible in it.
 */
export function admitClient(runId: string, sessionId: string, label: string): AdmittedClient {
  const run = runById(runId);
  const already = run.admitted.get(sessionId);
  if (already !== undefined) throw new HttpError(409, `You are already in this race, as client #${already}.`);
  if (run.admitted.size >= LIMITS.admittedPerRun) throw new HttpError(409, `This race is full: ${LIMITS.admittedPerRun} participants have joined it.`);
  const name = cleanLabel(label);
  if (name === null) throw new HttpError(422, 'A display name needs at least one visible character.');
  let admitted: AdmittedClient;
  try {
    admitted = run.race.admit(name);
  } catch (error) {
    if (error instanceof AdmissionClosed) throw new HttpError(409, error.message);
    throw error;
  }
  run.admitted.set(sessionId, admitted.client);
  run.viewers.add(sessionId);
  return admitted;
}

/** The lane a session's browser got in a class race, if it was let in. */
export function admittedClientOf(runId: string, sessionId: string): number | undefined {
  return runs().byId.get(runId)?.admitted.get(sessionId);
}

export async function applyFault(run: SimRun, kind: FaultKind): Promise<void> {
  if (run.status !== 'running') throw new HttpError(409, 'This race has finished; faults apply to a running race.');
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
  };
  if (run.error) view.error = run.error;
  return view;
}
