import 'server-only';
import type { EventChannel, EventProducer } from '../events/channel';
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

/**
 * A server-sent-events response: the browser reconnects after 1 s, a comment every 15 s keeps
 * proxies from timing it out, and `no-transform` keeps them from buffering it.
 */
export function sseResponse(signal: AbortSignal, start: EventProducer): Response {
  const encoder = new TextEncoder();
  closeStreamsOnShutdown();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const cleanups: (() => void)[] = [];
      let closed = false;
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          channel.close();
        }
      };
      const channel: EventChannel = {
        get closed() {
          return closed;
        },
        send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
        onClose: (cleanup) => cleanups.push(cleanup),
        close() {
          if (closed) return;
          closed = true;
          if (openStreams.delete(channel.close)) recordStream(-1);
          for (const cleanup of cleanups.splice(0)) cleanup();
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        },
      };
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
      channel.onClose(() => clearInterval(heartbeat));
      openStreams.add(channel.close);
      recordStream(1);
      signal.addEventListener('abort', channel.close);
      write('retry: 1000\n\n');
      if (shuttingDown) return channel.close();
      await start(channel);
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
