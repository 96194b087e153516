import 'server-only';
import { DomainError } from '../errors';
import type { Session } from '../session/namespace';
import type { Namespace } from '../session/namespace';
import { locate } from './races';
import { LIMITS, raceNotFound } from './runs';
import { isStored, readStoredChunks } from './storedRace';
import { runJson, storedJson } from './viewJson';

/** An answer, written once; a plain ArrayBuffer behind it, so it is a Response body as it is. */
type Body = Buffer<ArrayBuffer>;

/**
 * GET /api/sim/<id>, kept cheap for everyone else on the server. A 10,000-client race is ~10 MB of
 * JSON; writing it for each of 20 parallel requests held the event loop for seconds. So:
 * - a finished race never changes, so its answer is written once and kept (up to `CACHE_BYTES`
 *   per instance, least recently read dropped first);
 * - requests for the same answer while it is being written share that work;
 * - the writing itself yields to other requests every few thousand events (viewJson.ts);
 * - one session writes at most `BUILDS_PER_SESSION` answers at once on an instance; past that, 429.
 */
const CACHE_BYTES = 64 * 1024 * 1024;
export const BUILDS_PER_SESSION = 2;

interface Kept {
  body: Body;
  at: number;
}

interface Reads {
  kept: Map<string, Kept>;
  keptBytes: number;
  /** Answers being written, by cache key and the state they were asked in. */
  building: Map<string, Promise<{ body: Body; final: boolean }>>;
  /** Answers each session (by namespace id) is writing now. */
  buildsBy: Map<string, number>;
}

const globalForReads = globalThis as unknown as { stampedeRaceReads?: Reads };
const reads = (): Reads => (globalForReads.stampedeRaceReads ??= { kept: new Map(), keptBytes: 0, building: new Map(), buildsBy: new Map() });

function recall(key: string): Body | undefined {
  const { kept } = reads();
  const entry = kept.get(key);
  if (!entry) return undefined;
  kept.delete(key);
  if (Date.now() - entry.at > LIMITS.keptForMs) {
    reads().keptBytes -= entry.body.length;
    return undefined;
  }
  // Map order is the order of last reads: re-inserting moves the entry to the end.
  kept.set(key, entry);
  return entry.body;
}

function keep(key: string, body: Body): void {
  const state = reads();
  if (state.kept.has(key)) return;
  state.kept.set(key, { body, at: Date.now() });
  state.keptBytes += body.length;
  for (const [oldest, entry] of state.kept) {
    if (state.keptBytes <= CACHE_BYTES) break;
    state.kept.delete(oldest);
    state.keptBytes -= entry.body.length;
  }
}

/** The answer kept under `key`, or the one being written for `flight`, or a new one that `reader` writes. */
async function answerFor(key: string, flight: string, reader: string, build: () => Promise<{ body: Body; final: boolean }>): Promise<Body> {
  const known = recall(key);
  if (known) return known;
  const state = reads();
  let pending = state.building.get(flight);
  if (!pending) {
    const writing = state.buildsBy.get(reader) ?? 0;
    if (writing >= BUILDS_PER_SESSION) {
      throw new DomainError('over-quota', `This session is already loading ${BUILDS_PER_SESSION} races at once. Wait for them to arrive, then ask again.`);
    }
    state.buildsBy.set(reader, writing + 1);
    pending = build().finally(() => {
      state.building.delete(flight);
      const left = (state.buildsBy.get(reader) ?? 1) - 1;
      if (left > 0) state.buildsBy.set(reader, left);
      else state.buildsBy.delete(reader);
    });
    state.building.set(flight, pending);
  }
  const { body, final } = await pending;
  if (final) keep(key, body);
  return body;
}

/** A race as GET /api/sim/<id> answers it, for the session asking; `withEvents` false leaves out the events. */
export async function raceJson(session: Session, id: string, withEvents: boolean): Promise<Body> {
  const found = await locate(session, id);
  const reader = session.namespace.id;
  if (!('run' in found)) return storedRaceJson(found.owner, id, withEvents, reader);
  const { run } = found;
  const key = `${run.owner}/${id}/${withEvents ? 'events' : 'none'}`;
  // Its state when asked: a request that comes after the race finished must not get a snapshot begun while it ran.
  const final = run.status !== 'running';
  return answerFor(key, `${key}/${run.status}`, reader, async () => ({ body: await runJson(run, withEvents), final }));
}

/** `raceJson` on an instance that does not run the race: from the copy in `owner`'s namespace, read by `reader` (a namespace id). */
export async function storedRaceJson(owner: Namespace, id: string, withEvents: boolean, reader: string): Promise<Body> {
  const key = `${owner.id}/${id}/${withEvents ? 'events' : 'none'}`;
  // A kept answer outlives nothing: the race must still be there (its owner keeps 10, for 30 min).
  if (reads().kept.has(key) && !(await isStored(owner, id))) throw raceNotFound();
  return answerFor(key, `${key}/stored`, reader, async () => {
    const stored = await readStoredChunks(owner, id, withEvents ? { events: 0, labels: 0, keyEvents: 0 } : { labels: 0 });
    if (!stored) throw raceNotFound();
    const { state, labels, keyEvents, eventChunks, finished } = stored;
    return { body: storedJson({ id, ...state, labels, keyEvents }, eventChunks), final: finished };
  });
}
