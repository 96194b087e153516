import 'server-only';
import { randomBytes } from 'node:crypto';
import { Race } from '@/lib/sim/engine';
import type { FaultKind } from '@/lib/sim/faults';
import type { SimSettings } from '@/lib/sim/settings';
import type { SimEvent, Summary } from '@/lib/sim/types';
import { HttpError } from '../http/errors';
import type { Session } from '../http/session';
import { openRunConnection } from './simRedis';

/** Races share one Redis and one 2-core machine; these keep one learner from starving the rest. */
export const LIMITS = {
  concurrentPerSession: 1,
  concurrentTotal: 4,
  keptPerSession: 10,
  keptForMs: 30 * 60_000,
  eventsPerRun: 250_000,
  clientsPerSessionPerMinute: 40_000,
  /** Every race opens its own connections (1 + P subscribers), so many tiny races cost as much as a big one. */
  runsPerSessionPerMinute: 20,
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
  if (all.filter((run) => run.status === 'running').length >= LIMITS.concurrentTotal) {
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

export function startRun(session: Session, settings: SimSettings): SimRun {
  const owner = session.namespace.id;
  checkLimits(owner, settings.clients);
  const connection = openRunConnection(session.namespace.prefix);
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

/** A run of this session; any other session's run is indistinguishable from a missing one. */
export function findRun(session: Session, id: string): SimRun {
  const run = runs().byId.get(id);
  if (!run || run.owner !== session.namespace.id) throw new HttpError(404, 'There is no race with this id in your session.');
  return run;
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
  const view: RunView = { id: run.id, status: run.status, settings: run.settings, summary: run.race.summary(), events: withEvents ? run.race.recorder.read() : [] };
  if (run.error) view.error = run.error;
  return view;
}
