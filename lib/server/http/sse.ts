import 'server-only';
import type { LiveStream, StreamEvent } from '../events/liveStream';
import { logFailure } from '../log/logger';
import { recordStream } from '../metrics/record';

const HEARTBEAT_MS = 15_000;
const openStreams = new Set<() => void>();
let shutdownHooked = false;
let shuttingDown = false;

/**
 * Open streams would keep the server from exiting, so SIGTERM closes them first, and any stream a
 * browser reopens after that ends at once. Registered on the first stream, not at import, so a
 * server that never streamed shuts down as usual.
 */
function closeStreamsOnShutdown(): void {
  if (shutdownHooked) return;
  shutdownHooked = true;
  process.once('SIGTERM', () => {
    shuttingDown = true;
    for (const close of [...openStreams]) close();
  });
}

export function openStreamCount(): number {
  return openStreams.size;
}

const encoder = new TextEncoder();
const frame = ({ event, data }: StreamEvent) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * A live stream as a server-sent-events response: the browser reconnects after 1 s, a comment every
 * 15 s keeps proxies from timing it out, and `no-transform` keeps them from buffering it. The
 * stream is read only as fast as the browser reads (`pull`), so a slow browser holds the domain's
 * generator back instead of filling a buffer here. The browser leaving, the response being
 * cancelled and SIGTERM all abort the stream's signal and end its generator, which cleans up.
 */
export function sseResponse(signal: AbortSignal, open: LiveStream): Response {
  closeStreamsOnShutdown();
  const stop = new AbortController();
  const events = open(stop.signal)[Symbol.asyncIterator]();
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;
  let close = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        signal.removeEventListener('abort', close);
        if (openStreams.delete(close)) recordStream(-1);
        stop.abort();
        // Runs the generator's `finally` now if it waits at a `yield`, else as soon as its aborted wait returns.
        events.return?.().catch(logFailure('ending a live stream'));
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      openStreams.add(close);
      recordStream(1);
      signal.addEventListener('abort', close);
      controller.enqueue(encoder.encode('retry: 1000\n\n'));
      // Only while the browser keeps up: a stalled one needs no keep-alives piling up for it.
      heartbeat = setInterval(() => {
        if ((controller.desiredSize ?? 0) > 0) controller.enqueue(encoder.encode(': keep-alive\n\n'));
      }, HEARTBEAT_MS);
      if (shuttingDown || signal.aborted) close();
    },
    async pull(controller) {
      const next = await events.next().catch((error: unknown) => {
        logFailure('reading a live stream')(error);
        return { done: true as const, value: undefined };
      });
      if (closed) return;
      if (next.done) close();
      else controller.enqueue(frame(next.value));
    },
    cancel: () => close(),
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
