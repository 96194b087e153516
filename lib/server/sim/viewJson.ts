import 'server-only';
import { viewOf, type RunView, type SimRun } from './runs';

/** Events serialized in one go: a few ms of work, after which other requests get their turn. */
export const EVENTS_PER_SLICE = 5_000;

/** Lets the event loop serve what waits (other requests, a race's replies) before going on. */
export const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

const COMMA = Buffer.from(',');

/**
 * A race view as the JSON answer of GET /api/sim/<id>: byte for byte what JSON.stringify writes for
 * viewOf's RunView (id, status, settings, summary, events, labels, keyEvents, error), with the events given as
 * slices of JSON text without their brackets, so that 250,000 events need not be written at once.
 */
function joinView({ id, status, settings, summary, labels, keyEvents, error }: Omit<RunView, 'events'>, slices: Buffer[]): Buffer<ArrayBuffer> {
  const parts: Buffer[] = [Buffer.from(`${JSON.stringify({ id, status, settings, summary }).slice(0, -1)},"events":[`)];
  slices.filter((slice) => slice.length > 0).forEach((slice, i) => parts.push(...(i === 0 ? [slice] : [COMMA, slice])));
  parts.push(Buffer.from(`],${JSON.stringify({ labels, keyEvents, ...(error ? { error } : {}) }).slice(1)}`));
  return Buffer.concat(parts);
}

/**
 * A race this instance runs, as JSON: the summary and events as they are when asked, the events
 * written a slice at a time with other requests served between slices (events are only ever
 * appended, so the slices stay the snapshot taken at the start).
 */
export async function runJson(run: SimRun, withEvents: boolean): Promise<Buffer<ArrayBuffer>> {
  // The key events as they stand when the events are counted, so neither runs ahead of the other.
  const head = { ...viewOf(run, false), keyEvents: withEvents ? run.race.keyLog.read() : [] };
  const { recorder } = run.race;
  const count = withEvents ? recorder.count : 0;
  const slices: Buffer[] = [];
  for (let from = 0; from < count; from += EVENTS_PER_SLICE) {
    if (from > 0) await yieldToOthers();
    slices.push(Buffer.from(JSON.stringify(recorder.read(from, Math.min(from + EVENTS_PER_SLICE, count))).slice(1, -1)));
  }
  return joinView(head, slices);
}

/** A race as its runner stored it (runStore.ts writes each chunk as a JSON array of events), as JSON, without parsing the events. */
export function storedJson(head: Omit<RunView, 'events'>, eventChunks: Buffer[]): Buffer<ArrayBuffer> {
  return joinView(
    head,
    eventChunks.map((chunk) => chunk.subarray(1, chunk.length - 1)),
  );
}
