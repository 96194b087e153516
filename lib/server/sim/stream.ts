import 'server-only';
import type { EventProducer } from '../events/channel';
import { viewOf, type SimRun } from './runs';
import { EVENTS_PER_SLICE, yieldToOthers } from './viewJson';

const FLUSH_MS = 50;

/**
 * A run's events as SSE: what happened so far, then new events in batches every 50 ms (one frame
 * per event would be 60,000 frames for a 10,000-client race), then `done` with the summary. A
 * frame carries `labels` when lanes got labels since the previous one (a class race's participants),
 * and `keyEvents` when the race's keys did something since the previous one.
 */
export function runEventStream(run: SimRun): EventProducer {
  return async (channel) => {
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
      if (channel.closed) return;
      const first = i === 0;
      channel.send('events', {
        events: recorder.read(i, Math.min(i + EVENTS_PER_SLICE, sent)),
        labels: first ? newLabels() : undefined,
        keyEvents: first ? newKeyEvents() : undefined,
      });
    }
    const flush = () => {
      if (recorder.count === sent && labels.size === labelled && keyLog.count === keysSent) return;
      const events = recorder.read(sent);
      sent += events.length;
      channel.send('events', { events, summary: run.race.summary(), labels: newLabels(), keyEvents: newKeyEvents() });
    };
    const timer = setInterval(flush, FLUSH_MS);
    channel.onClose(() => clearInterval(timer));
    void run.finished.then(() => {
      flush();
      const { status, summary, error } = viewOf(run, false);
      channel.send('done', { status, summary, error });
      channel.close();
    });
  };
}
