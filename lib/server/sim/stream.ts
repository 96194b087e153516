import 'server-only';
import type { SimEvent } from '@/lib/sim/types';
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
    let pending: SimEvent[] = [];
    const flush = () => {
      if (pending.length === 0) return;
      channel.send('events', { events: pending, summary: run.race.summary() });
      pending = [];
    };
    const timer = setInterval(flush, FLUSH_MS);
    channel.onClose(() => clearInterval(timer));
    channel.onClose(run.race.recorder.listen((events) => pending.push(...events)));
    const backlog = run.race.recorder.events.slice();
    for (let i = 0; i < backlog.length; i += BACKLOG_CHUNK) channel.send('events', { events: backlog.slice(i, i + BACKLOG_CHUNK) });
    void run.finished.then(() => {
      flush();
      const { status, summary, error } = viewOf(run, false);
      channel.send('done', { status, summary, error });
      channel.close();
    });
  });
}
