import 'server-only';
import { sseResponse } from '../http/sse';
import { viewOf, type SimRun } from './runs';

const FLUSH_MS = 50;
const BACKLOG_CHUNK = 5_000;

/**
 * A run's events as SSE: what happened so far, then new events in batches every 50 ms (one frame
 * per event would be 60,000 frames for a 10,000-client race), then `done` with the summary.
 */
export function runEventStream(run: SimRun, signal: AbortSignal): Response {
  return sseResponse(signal, (channel) => {
    const { recorder } = run.race;
    let sent = recorder.count;
    for (let i = 0; i < sent; i += BACKLOG_CHUNK) channel.send('events', { events: recorder.read(i, Math.min(i + BACKLOG_CHUNK, sent)) });
    const flush = () => {
      if (recorder.count === sent) return;
      const events = recorder.read(sent);
      sent += events.length;
      channel.send('events', { events, summary: run.race.summary() });
    };
    const timer = setInterval(flush, FLUSH_MS);
    channel.onClose(() => clearInterval(timer));
    void run.finished.then(() => {
      flush();
      const { status, summary, error } = viewOf(run, false);
      channel.send('done', { status, summary, error });
      channel.close();
    });
  });
}
