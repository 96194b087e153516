import { randomBytes } from 'node:crypto';
import { Race } from '@/lib/sim/engine';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import { raceKeys } from '@/lib/sim/value';
import type { EventType } from '@/lib/sim/types';
import { namespaceOf } from '@/lib/server/session/namespace';
import { openRunConnection } from '@/lib/server/sim/simRedis';
import { setTimeout as sleep } from 'node:timers/promises';

/** A race in a fresh namespace on the test Redis, through the server's own connection adapter. */
export async function race(input: SimSettingsInput, during?: (race: Race) => Promise<void>) {
  const namespace = namespaceOf(randomBytes(16).toString('base64url'));
  const connection = await openRunConnection(namespace.prefix);
  const keys = raceKeys(randomBytes(6).toString('base64url'));
  const subject = new Race(settingsSchema.parse(input), { redis: connection.redis, keys, restartRedis: connection.restart });
  try {
    const [summary] = await Promise.all([subject.run(), during?.(subject)]);
    return { summary, events: subject.recorder.read(), keyEvents: subject.keyLog.read(), prefix: namespace.prefix, keys, race: subject };
  } finally {
    connection.close();
  }
}

/** Waits until the race has logged an event of this type. */
export async function until(subject: Race, type: EventType): Promise<void> {
  while (!subject.recorder.has(type)) await sleep(5);
}
