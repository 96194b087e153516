import 'server-only';
import { config } from '../config';
import { nodeSubscriber, quietDuplicate } from '../redis/client';
import { KeyEventHub } from './hub';

const globalForHub = globalThis as unknown as { stampedeHub?: KeyEventHub };

/** The process's one key-event hub. */
export function keyEventHub(): KeyEventHub {
  globalForHub.stampedeHub ??= new KeyEventHub(
    // Its own connection, so describing a changed key never queues behind other requests' commands.
    quietDuplicate(),
    nodeSubscriber,
    config().redis.db,
  );
  return globalForHub.stampedeHub;
}
