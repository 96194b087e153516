import 'server-only';
import type { FaultKind } from '@/lib/sim/faults';
import type { SimSettings } from '@/lib/sim/settings';
import type { Session } from '../http/session';
import { sseResponse } from '../http/sse';
import { applyFault, localRun, startRun, viewOf, type RunView, type SimRun } from './runs';
import { claimRace, followStored, forwardFault, storedView, storeRun } from './runStore';
import { runEventStream } from './stream';

const BACKLOG_CHUNK = 5_000;

/**
 * The race API, whichever app instance a request reaches. A race runs on the instance that
 * started it (its clients are that process's promises); that instance answers from memory, any
 * other from the copy the runner keeps in Redis.
 */
export async function startRace(session: Session, settings: SimSettings): Promise<SimRun> {
  const release = await claimRace(session.namespace, settings.clients);
  let run: SimRun;
  try {
    run = await startRun(session, settings);
  } catch (error) {
    await release();
    throw error;
  }
  // Answer only once another instance could find the race.
  await storeRun(session.namespace, run);
  return run;
}

export async function raceView(session: Session, id: string, withEvents: boolean): Promise<RunView> {
  const run = localRun(session, id);
  return run ? viewOf(run, withEvents) : storedView(session.namespace, id, withEvents);
}

export async function raceFault(session: Session, id: string, kind: FaultKind): Promise<void> {
  const run = localRun(session, id);
  await (run ? applyFault(run, kind) : forwardFault(session.namespace, id, kind));
}

/** The race's events as SSE (see stream.ts); from another instance, as its runner stores them. */
export async function raceStream(session: Session, id: string, signal: AbortSignal): Promise<Response> {
  const run = localRun(session, id);
  if (run) return runEventStream(run, signal);
  await storedView(session.namespace, id, false);
  return sseResponse(signal, async (channel) => {
    try {
      const end = await followStored(
        session.namespace,
        id,
        (events, summary) => {
          for (let i = 0; i < events.length; i += BACKLOG_CHUNK) channel.send('events', { events: events.slice(i, i + BACKLOG_CHUNK), summary });
        },
        () => channel.closed,
      );
      if (end) channel.send('done', { status: end.status, summary: end.summary, ...(end.error && { error: end.error }) });
    } catch {
      channel.send('done', { status: 'failed', summary: null, error: 'Redis is not reachable right now, so this race cannot be followed.' });
    }
    channel.close();
  });
}
