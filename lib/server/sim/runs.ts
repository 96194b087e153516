import 'server-only';
import { randomBytes } from 'node:crypto';
import { Race } from '@/lib/sim/engine';
import type { FaultKind } from '@/lib/sim/faults';
import type { SimSettings } from '@/lib/sim/settings';
import type { SimEvent, Summary } from '@/lib/sim/types';
import { HttpError } from '../http/errors';
import type { Session } from '../http/session';
import { openRunConnection } from './simRedis';

/**
 * Races share one Redis and one 2-core machine; these keep one learner from starving the rest.
 * `concurrentTotal` is per app instance (its CPU); the per-session limits hold across instances
 * (runStore.ts keeps them in Redis).
 */
export const LIMITS = {
  concurrentPerSession: 1,
  concurrentTotal: 4,
  keptPerSession: 10,
  keptForMs: 30 * 60_000,
  eventsPerRun: 250_000,
  clientsPerSessionPerMinute: 40_000,
};

export type RunStatus = 'running' | 'done' | 'failed';

export interface SimRun {
  id: string;
  owner: string;
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

function checkCapacity(): void {
  if ([...runs().byId.values()].filter((run) => run.status === 'running').length >= LIMITS.concurrentTotal) {
    throw new HttpError(429, 'The server is running as many races as it can right now. Try again in a few seconds.');
  }
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

/** Starts a race on this instance; the caller has claimed the session's race slot (runStore.claimRace). */
export async function startRun(session: Session, settings: SimSettings): Promise<SimRun> {
  const owner = session.namespace.id;
  const connection = await openRunConnection(session.namespace.prefix);
  try {
    checkCapacity();
  } catch (error) {
    connection.close();
    throw error;
  }
  const race = new Race(settings, { redis: connection.redis, maxEvents: LIMITS.eventsPerRun, restartRedis: () => connection.restart() });
  const run: SimRun = { id: randomBytes(9).toString('base64url'), owner, settings, status: 'running', race, startedAt: Date.now(), finished: Promise.resolve() };
  run.finished = race.run().then(
    () => void (run.status = 'done'),
    (error: unknown) => {
      run.status = 'failed';
      run.error = `The race stopped: ${error instanceof Error ? error.message : String(error)}.`;
    },
  );
  void run.finished.finally(() => {
    connection.close();
    prune(owner);
  });
  runs().byId.set(run.id, run);
  return run;
}

/** A run of this session that this instance runs (or ran); any other session's run is not there. */
export function localRun(session: Session, id: string): SimRun | undefined {
  const run = runs().byId.get(id);
  return run?.owner === session.namespace.id ? run : undefined;
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
  error?: string;
}

export function viewOf(run: SimRun, withEvents = true): RunView {
  const view: RunView = { id: run.id, status: run.status, settings: run.settings, summary: run.race.summary(), events: withEvents ? run.race.recorder.events : [] };
  if (run.error) view.error = run.error;
  return view;
}
