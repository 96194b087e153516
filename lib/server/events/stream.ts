import 'server-only';
import type { Session } from '../session/namespace';
import { redisNow } from '../keys/clock';
import { snapshotKeys } from '../keys/snapshot';
import type { KeyEvent } from '@/lib/keys/types';
import { appRedis } from '../redis/client';
import type { EventProducer } from './channel';
import { keyEventHub } from './index';

/** The SSE stream of one session's keys: a snapshot, then every change, pushed as it happens. */
export function keyEventStream(session: Session): EventProducer {
  const { id, prefix } = session.namespace;
  return async (channel) => {
    // Listen before the snapshot so nothing that happens in between is lost.
    const early: KeyEvent[] = [];
    let live = false;
    try {
      const hub = keyEventHub();
      const unsubscribe = await hub.subscribe(id, prefix, (events) => (live ? channel.send('keys', { events }) : early.push(...events)));
      if (channel.closed) unsubscribe();
      else channel.onClose(unsubscribe);
      const [keys, now, mode] = await Promise.all([snapshotKeys(appRedis(), prefix), redisNow(appRedis()), hub.mode()]);
      channel.send('snapshot', { now, mode, keys });
      live = true;
      if (early.length) channel.send('keys', { events: early });
    } catch {
      channel.send('unavailable', { error: 'Redis is not reachable right now. The keys will come back as soon as it is.' });
      channel.close();
    }
  };
}
