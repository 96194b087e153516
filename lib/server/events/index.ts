import 'server-only';
import { config } from '../config';
import { appRedis } from '../redis/client';
import { KeyEventHub } from './hub';

const globalForHub = globalThis as unknown as { stampedeHub?: KeyEventHub };

/** The process's one key-event hub. */
export function keyEventHub(): KeyEventHub {
  globalForHub.stampedeHub ??= new KeyEventHub(
    appRedis(),
    () => {
      // A subscriber must keep trying while Redis is away; the app client fails fast instead.
      const subscriber = appRedis().duplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true });
      subscriber.on('error', () => undefined);
      return subscriber;
    },
    config().redis.db,
  );
  return globalForHub.stampedeHub;
}
