import 'server-only';
import type { FaultKind } from '@/lib/sim/faults';
import type { KeyEvent, SimEvent, Summary } from '@/lib/sim/types';
import { DomainError } from '../errors';
import { publish } from '../redis/channelFeed';
import { appRedis } from '../redis/client';
import type { Namespace } from '../session/namespace';
import { keysOf, runningKey } from './raceKeys';
import { raceNotFound, type RunStatus, type RunView } from './runs';
import { STORE_EVERY_MS } from './runStore';
import { yieldToOthers } from './viewJson';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What an app instance that does not run a race does with it: read the copy its runner keeps in
 * Redis (runStore.ts writes it), follow it as it grows, and hand it a fault.
 */
export interface StoredState {
  status: RunStatus;
  summary: Summary;
  error?: string;
  settings: RunView['settings'];
}

/** Where a reader is: stored chunks of events, labels and key events already read; leave one out to read none. */
interface Offsets {
  events?: number;
  labels?: number;
  keyEvents?: number;
}

/**
 * Status, summary, and the chunks of events, labels and key events past `from`, as stored (each
 * chunk a JSON array of events, an object of labels, or an array of key events); undefined when
 * there is no such race.
 */
export async function readStoredChunks(namespace: Namespace, id: string, from: Offsets) {
  const keys = keysOf(namespace, id);
  // Status before events: once "done" is read, the final events are already there.
  const multi = appRedis().multi().hgetall(keys.meta).get(runningKey(namespace));
  const at = { events: -1, labels: -1, keyEvents: -1 };
  let next = 2;
  if (from.events !== undefined) {
    multi.lrangeBuffer(keys.events, from.events, -1);
    at.events = next++;
  }
  if (from.labels !== undefined) {
    multi.lrange(keys.labels, from.labels, -1);
    at.labels = next++;
  }
  if (from.keyEvents !== undefined) {
    multi.lrange(keys.keyEvents, from.keyEvents, -1);
    at.keyEvents = next++;
  }
  const replies = ((await multi.exec()) ?? []).map(([, value]) => value);
  const [meta, running] = replies as [Record<string, string>, string | null];
  const eventChunks = (replies[at.events] ?? []) as Buffer[];
  const labelChunks = (replies[at.labels] ?? []) as string[];
  const keyEventChunks = (replies[at.keyEvents] ?? []) as string[];
  if (!meta.status) return undefined;
  const lost = meta.status === 'running' && running !== id;
  const state: StoredState = {
    status: lost ? 'failed' : (meta.status as RunStatus),
    summary: JSON.parse(meta.summary!) as Summary,
    settings: JSON.parse(meta.settings!) as RunView['settings'],
    ...((lost || meta.error) && { error: lost ? 'The race stopped: the app instance running it went away.' : meta.error }),
  };
  const labels = Object.assign({}, ...labelChunks.map((chunk) => JSON.parse(chunk) as Record<number, string>)) as Record<number, string>;
  const keyEvents = keyEventChunks.flatMap((chunk) => JSON.parse(chunk) as KeyEvent[]);
  // A race whose runner went away reads as failed, but only the runner's own last word is final.
  return { state, finished: meta.status !== 'running', eventChunks, labelChunks: labelChunks.length, labels, keyEventChunks: keyEventChunks.length, keyEvents };
}

/** A race this instance does not run, as its runner last stored it. */
export async function storedView(namespace: Namespace, id: string, withEvents: boolean): Promise<RunView> {
  const stored = await readStoredChunks(namespace, id, withEvents ? { events: 0, labels: 0, keyEvents: 0 } : { labels: 0 });
  if (!stored) throw raceNotFound();
  const { status, settings, summary, error } = stored.state;
  const events = stored.eventChunks.flatMap((chunk) => JSON.parse(chunk.toString()) as SimEvent[]);
  return { id, status, settings, summary, events, labels: stored.labels, keyEvents: stored.keyEvents, ...(error && { error }) };
}

export interface StoredFrame {
  events: SimEvent[];
  summary: Summary;
  labels: Record<number, string> | undefined;
  keyEvents: KeyEvent[] | undefined;
}

/**
 * Follows a stored race: yields what is new, a stored chunk at a time with other requests served
 * between chunks (labels and key events with the first frame of a poll that found new ones), until
 * the race ends or `signal` aborts; returns its end state.
 */
export async function* followStored(namespace: Namespace, id: string, signal: AbortSignal): AsyncGenerator<StoredFrame, StoredState> {
  const read = { events: 0, labels: 0, keyEvents: 0 };
  for (;;) {
    const stored = await readStoredChunks(namespace, id, read);
    if (!stored) throw raceNotFound();
    const { state, eventChunks, labelChunks, keyEventChunks } = stored;
    read.events += eventChunks.length;
    read.labels += labelChunks;
    read.keyEvents += keyEventChunks;
    const labels = labelChunks ? stored.labels : undefined;
    const keyEvents = keyEventChunks ? stored.keyEvents : undefined;
    if (eventChunks.length === 0 && (labels || keyEvents)) yield { events: [], summary: state.summary, labels, keyEvents };
    for (const [i, chunk] of eventChunks.entries()) {
      if (i > 0) await yieldToOthers();
      const first = i === 0;
      yield {
        events: JSON.parse(chunk.toString()) as SimEvent[],
        summary: state.summary,
        labels: first ? labels : undefined,
        keyEvents: first ? keyEvents : undefined,
      };
    }
    if (state.status !== 'running' || signal.aborted) return state;
    await sleep(STORE_EVERY_MS, undefined, { signal }).catch(() => undefined);
  }
}

/** Hands a fault to the instance that runs the race. */
export async function forwardFault(namespace: Namespace, id: string, kind: FaultKind): Promise<void> {
  const finished = new DomainError('conflict', 'This race has finished; faults apply to a running race.');
  const stored = await readStoredChunks(namespace, id, {});
  if (!stored) throw raceNotFound();
  if (stored.state.status !== 'running') throw finished;
  if ((await publish(keysOf(namespace, id).faults, kind)) === 0) throw finished;
}

/** Whether a race of this id was stored in the namespace (and not yet forgotten). */
export async function isStored(namespace: Namespace, id: string): Promise<boolean> {
  return (await appRedis().exists(keysOf(namespace, id).meta)) === 1;
}
