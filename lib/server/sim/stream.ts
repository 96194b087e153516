import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LiveStream } from '../events/liveStream';
import { viewOf, type SimRun } from './runs';
import { EVENTS_PER_SLICE, yieldToOthers } from './viewJson';

const FLUSH_MS = 50;

/**
 * A run's events as SSE: what happened so far, then new events in batches every 50 ms (one frame
 * per event would be 60,000 frames for a 10,000-client race), then `done` with the summary. A
 * frame carries `labels` when lanes got labels since the previous one (a class race's participants),
 * and `keyEvents` when the race's keys did something since the previous one. The events live in the
 * run's recorder, so a browser that reads slowly costs no buffer: its next frame holds all it missed.
 */
export function runEventStream(run: SimRun): LiveStream {
  return async function* (signal) {
    const { recorder, labels, keyLog } = run.race;
    let sent = recorder.count;
    let keysSent = 0;
    const newKeyEvents = () => {
      if (keyLog.count === keysSent) return undefined;
      const fresh = keyLog.read(keysSent);
      keysSent += fresh.length;
      return fresh;
    };
    let labelled = 0;
    const newLabels = () => {
      if (labels.size === labelled) return undefined;
      const fresh = Object.fromEntries([...labels].slice(labelled));
      labelled = labels.size;
      return fresh;
    };
    // The backlog of a 10,000-client race is ~10 MB: a slice at a time, so other requests run between slices.
    for (let i = 0; i < sent; i += EVENTS_PER_SLICE) {
      if (i > 0) await yieldToOthers();
      if (signal.aborted) return;
      const first = i === 0;
      const events = recorder.read(i, Math.min(i + EVENTS_PER_SLICE, sent));
      yield { event: 'events', data: { events, labels: first ? newLabels() : undefined, keyEvents: first ? newKeyEvents() : undefined } };
    }
    const finished = new AbortController();
    void run.finished.then(() => finished.abort());
    const wake = AbortSignal.any([signal, finished.signal]);
    for (;;) {
      // Every 50 ms, or at once when the run finishes or the browser leaves.
      await sleep(FLUSH_MS, undefined, { signal: wake }).catch(() => undefined);
      if (signal.aborted) return;
      if (recorder.count !== sent || labels.size !== labelled || keyLog.count !== keysSent) {
        const events = recorder.read(sent);
        sent += events.length;
        yield { event: 'events', data: { events, summary: run.race.summary(), labels: newLabels(), keyEvents: newKeyEvents() } };
      }
      if (finished.signal.aborted) {
        const { status, summary, error } = viewOf(run, false);
        yield { event: 'done', data: { status, summary, error } };
        return;
      }
    }
  };
}
