import 'server-only';
import type { FaultKind } from '@/lib/sim/faults';
import type { SimSettings } from '@/lib/sim/settings';
import type { Session } from '../session/namespace';
import type { LiveStream } from '../events/liveStream';
import { namespaceOf, type Namespace } from '../session/namespace';
import { forwardAdmission, grantViewer, serveAdmissions, storedLane, viewedOwner } from './raceAccess';
import {
  admitClient,
  admittedClientOf,
  allowViewer,
  applyFault,
  checkStart,
  localRun,
  mayRead,
  raceNotFound,
  startRun,
  type RunOptions,
  type SimRun,
} from './runs';
import { claimRace, storeRun } from './runStore';
import { followStored, forwardFault, isStored, storedView } from './storedRace';
import { runEventStream } from './stream';
import { EVENTS_PER_SLICE } from './viewJson';

/**
 * The race API, whichever app instance a request reaches. A race runs on the instance that
 * started it (its clients are that process's promises); that instance answers from memory, any
 * other from the copy the runner keeps in Redis, and forwards faults and admissions to it.
 */
export async function startRace(owner: Namespace, settings: SimSettings, options: RunOptions = {}): Promise<SimRun> {
  const viewers = [...(options.viewers ?? [])];
  // Before the claim: a refusal that needs no Redis spends none of the session's budget.
  checkStart(owner, settings, options);
  const release = await claimRace(owner, settings.clients);
  let run: SimRun;
  try {
    run = await startRun(owner, settings, { ...options, viewers });
  } catch (error) {
    await release();
    throw error;
  }
  // Answer only once another instance could find the race, let its viewers read it and forward an admission.
  await Promise.all([
    storeRun(owner, run),
    ...(options.admissionWindowMs ? [serveAdmissions(owner, run)] : []),
    ...viewers.map((sessionId) => grantViewer(owner, namespaceOf(sessionId), run.id)),
  ]);
  return run;
}

type Located = { run: SimRun } | { owner: Namespace };

/** The run, if this instance runs it and the session may read it; else the namespace that holds its copy. */
export async function locate(session: Session, id: string): Promise<Located> {
  const run = localRun(id);
  if (run && mayRead(run, session.namespace.id)) return { run };
  const owner = (await viewedOwner(session.namespace, id)) ?? session.namespace;
  // Another instance let this viewer in to a race this one runs.
  return run?.owner === owner.id ? { run } : { owner };
}

/** Only the owner changes a race; a viewer gets the 404 of a missing one. */
export async function raceFault(session: Session, id: string, kind: FaultKind): Promise<void> {
  const run = localRun(id);
  await (run?.owner === session.namespace.id ? applyFault(run, kind) : forwardFault(session.namespace, id, kind));
}

/** The race's events as SSE (see stream.ts); from another instance, as its runner stores them. */
export async function raceStream(session: Session, id: string): Promise<LiveStream> {
  const found = await locate(session, id);
  if ('run' in found) return runEventStream(found.run);
  const { owner } = found;
  await storedView(owner, id, false);
  return async function* (signal) {
    try {
      const frames = followStored(owner, id, signal);
      let next = await frames.next();
      for (; !next.done; next = await frames.next()) {
        const { events, summary, labels, keyEvents } = next.value;
        if (events.length === 0) yield { event: 'events', data: { events, summary, labels, keyEvents } };
        for (let i = 0; i < events.length; i += EVENTS_PER_SLICE) {
          const first = i === 0;
          const slice = events.slice(i, i + EVENTS_PER_SLICE);
          yield { event: 'events', data: { events: slice, summary, labels: first ? labels : undefined, keyEvents: first ? keyEvents : undefined } };
        }
      }
      const end = next.value;
      yield { event: 'done', data: { status: end.status, summary: end.summary, ...(end.error && { error: end.error }) } };
    } catch {
      yield { event: 'done', data: { status: 'failed', summary: null, error: 'Redis is not reachable right now, so this race cannot be followed.' } };
    }
  };
}

/**
 * A session's browser steps into a class race as one more client, wherever the race runs; asking
 * again answers the same lane. The session may read the race from any instance afterwards.
 * Throws what `admitClient` throws.
 */
export async function enterRace(owner: Namespace, id: string, session: Session, label: string): Promise<number> {
  const run = localRun(id);
  const client =
    run?.owner === owner.id
      ? (admittedClientOf(id, session.id) ?? admitClient(id, session.id, label).client)
      : ((await storedLane(owner, id, session.namespace)) ?? (await forwardAdmission(owner, id, session.namespace, label)));
  await grantViewer(owner, session.namespace, id);
  return client;
}

/** Lets a session read a race of `owner` from any instance; 404 for a race that is not there. */
export async function watchRace(owner: Namespace, id: string, session: Session): Promise<void> {
  const run = localRun(id);
  if (run?.owner === owner.id) allowViewer(id, session.id);
  else if (!(await isStored(owner, id))) throw raceNotFound();
  await grantViewer(owner, session.namespace, id);
}
