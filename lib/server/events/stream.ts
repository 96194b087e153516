import 'server-only';
import type { Session } from '../session/namespace';
import { redisNow } from '../keys/clock';
import { snapshotKeys } from '../keys/snapshot';
import type { KeyEvent } from '@/lib/keys/types';
import { appRedis } from '../redis/client';
import type { LiveStream } from './liveStream';
import { OVERFLOW, PushQueue } from './pushQueue';
import { keyEventHub } from './index';

/**
 * How far a browser may fall behind before it gets a fresh snapshot instead, in about the bytes the
 * waiting batches hold (an event's names and preview, and what every event and batch costs besides):
 * some 1,600 single changes of short names, fewer of long ones.
 */
const BACKLOG_BYTES = 512 * 1024;
const EVENT_BYTES = 100;
const BATCH_BYTES = 200;
const weighBatch = (events: KeyEvent[]) =>
  events.reduce((bytes, e) => bytes + EVENT_BYTES + e.event.length + e.key.length + (e.view?.preview.length ?? 0), BATCH_BYTES);

/**
 * The SSE stream of one session's keys: a snapshot, then every change, pushed as it happens. A
 * browser that falls too far behind, or whose changes the hub lost, gets a fresh snapshot, which
 * replaces what its panel holds.
 */
export function keyEventStream(session: Session): LiveStream {
  const { id, prefix } = session.namespace;
  return async function* (signal) {
    const changes = new PushQueue<KeyEvent[]>(BACKLOG_BYTES, signal, weighBatch);
    let unsubscribe: (() => void) | undefined;
    try {
      const hub = keyEventHub();
      // Listen before the snapshot so nothing that happens in between is lost.
      unsubscribe = await hub.subscribe(id, prefix, { onEvents: (events) => changes.push(events), onLost: () => changes.lose() });
      for (;;) {
        const [keys, now, mode] = await Promise.all([snapshotKeys(appRedis(), prefix), redisNow(appRedis()), hub.mode()]);
        yield { event: 'snapshot', data: { now, mode, keys } };
        const early = changes.drain().flat();
        if (early.length) yield { event: 'keys', data: { events: early } };
        for (;;) {
          const batches = await changes.take();
          if (batches === OVERFLOW) break;
          if (!batches) return;
          for (const events of batches) yield { event: 'keys', data: { events } };
        }
      }
    } catch {
      yield { event: 'unavailable', data: { error: 'Redis is not reachable right now. The keys will come back as soon as it is.' } };
    } finally {
      unsubscribe?.();
    }
  };
}
