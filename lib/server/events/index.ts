import 'server-only';
import type Redis from 'ioredis';
import { config } from '../config';
import { appRedis } from '../redis/client';
import { KeyEventHub } from './hub';

const globalForHub = globalThis as unknown as { stampedeHub?: KeyEventHub };

/** A connection that reconnects by itself and reports trouble through failed commands. */
function quietDuplicate(options: Parameters<Redis['duplicate']>[0] = {}): Redis {
  const connection = appRedis().duplicate(options);
  connection.on('error', () => undefined);
  return connection;
}

/** The process's one key-event hub. */
export function keyEventHub(): KeyEventHub {
  globalForHub.stampedeHub ??= new KeyEventHub(
    // Its own connection, so describing a changed key never queues behind other requests' commands.
    quietDuplicate(),
    // A subscriber must keep trying while Redis is away; the app client fails fast instead.
    () => quietDuplicate({ maxRetriesPerRequest: null, enableOfflineQueue: true }),
    config().redis.db,
  );
  return globalForHub.stampedeHub;
}
