import 'server-only';
import type { Session } from '../http/session';
import { redisNow } from '../keys/clock';
import { snapshotKeys } from '../keys/snapshot';
import type { KeyEvent } from '../keys/types';
import { appRedis } from '../redis/client';
import { keyEventHub } from './index';

const HEARTBEAT_MS = 15_000;
const openStreams = new Set<() => void>();
let shutdownHooked = false;

/**
 * Open streams would keep `next start` from exiting, so SIGTERM closes them first. Registered on
 * the first stream, not at import, so a server that never streamed shuts down as usual.
 */
function closeStreamsOnShutdown(): void {
  if (shutdownHooked) return;
  shutdownHooked = true;
  process.once('SIGTERM', () => {
    for (const close of [...openStreams]) close();
  });
}

export function openStreamCount(): number {
  return openStreams.size;
}

const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** The SSE stream of one session's keys: a snapshot, then every change, pushed as it happens. */
export function keyEventStream(session: Session, signal: AbortSignal): Response {
  const encoder = new TextEncoder();
  const { id, prefix } = session.namespace;
  closeStreamsOnShutdown();

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let unsubscribe: (() => void) | undefined;
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), HEARTBEAT_MS);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        openStreams.delete(close);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      function send(text: string) {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      }
      openStreams.add(close);
      signal.addEventListener('abort', close);
      send('retry: 1000\n\n');

      // Listen before the snapshot so nothing that happens in between is lost.
      const early: KeyEvent[] = [];
      let live = false;
      try {
        const hub = keyEventHub();
        unsubscribe = await hub.subscribe(id, prefix, (events) => (live ? send(frame('keys', { events })) : early.push(...events)));
        if (closed) unsubscribe();
        const [keys, now, mode] = await Promise.all([snapshotKeys(appRedis(), prefix), redisNow(appRedis()), hub.mode()]);
        send(frame('snapshot', { now, mode, keys }));
        live = true;
        if (early.length) send(frame('keys', { events: early }));
      } catch {
        send(frame('unavailable', { error: 'Redis is not reachable right now. The keys will come back as soon as it is.' }));
        close();
      }
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
