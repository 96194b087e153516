import 'server-only';
import { config } from '../config';
import { nodeSubscriber, quietDuplicate } from '../redis/client';
import { KeyEventHub } from './hub';
import { processGlobal } from '../processGlobal';

/** The process's one key-event hub. */
export function keyEventHub(): KeyEventHub {
  return processGlobal(
    'keyEventHub',
    () =>
      new KeyEventHub(
        // Its own connection, so describing a changed key never queues behind other requests' commands.
        quietDuplicate(),
        nodeSubscriber,
        config().redis.db,
      ),
  );
}
