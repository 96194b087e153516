import 'server-only';
import type { SimEvent } from '@/lib/sim/types';
import { viewOf, type SimRun } from './runs';

const FLUSH_MS = 50;
const BACKLOG_CHUNK = 5_000;
const openStreams = new Set<() => void>();
let shutdownHooked = false;

/** As for the keys stream: open streams would keep `next start` from exiting on SIGTERM. */
function closeStreamsOnShutdown(): void {
  if (shutdownHooked) return;
  shutdownHooked = true;
  process.once('SIGTERM', () => {
    for (const close of [...openStreams]) close();
  });
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * A run's events as SSE: what happened so far, then new events in batches every 50 ms (one frame
 * per event would be 60,000 frames for a 10,000-client race), then `done` with the summary.
 */
export function runEventStream(run: SimRun, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  closeStreamsOnShutdown();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let pending: SimEvent[] = [];
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const flush = () => {
        if (pending.length === 0) return;
        send(frame('events', { events: pending, summary: run.race.summary() }));
        pending = [];
      };
      const timer = setInterval(flush, FLUSH_MS);
      const stopListening = run.race.recorder.listen((events) => pending.push(...events));
      function close() {
        if (closed) return;
        closed = true;
        clearInterval(timer);
        stopListening();
        openStreams.delete(close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      }
      openStreams.add(close);
      signal.addEventListener('abort', close);
      send('retry: 1000\n\n');
      const backlog = run.race.recorder.events.slice();
      for (let i = 0; i < backlog.length; i += BACKLOG_CHUNK) send(frame('events', { events: backlog.slice(i, i + BACKLOG_CHUNK) }));
      void run.finished.then(() => {
        flush();
        const { status, summary, error } = viewOf(run, false);
        send(frame('done', { status, summary, error }));
        close();
      });
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
