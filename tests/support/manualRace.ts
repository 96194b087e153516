import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Race } from '@/lib/sim/engine';
import { ManualClock } from '@/lib/sim/manualClock';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import type { SimRedis } from '@/lib/sim/types';
import { raceKeys, type RaceKeys } from '@/lib/sim/value';
import { namespaceOf } from '@/lib/server/session/namespace';
import { openRunConnection } from '@/lib/server/sim/simRedis';

/**
 * A race on an injected clock, against the real Redis: the race's clock moves only when this moves
 * it, to the next sleeper, once every Redis command sent so far has been answered. So how busy the
 * machine is changes nothing the race decides. What Redis times itself (TTLs) runs on Redis's clock,
 * so such races keep clear of it.
 */
export async function manualRace(input: SimSettingsInput, prepare?: (redis: SimRedis, keys: RaceKeys) => Promise<unknown>) {
  const connection = await openRunConnection(namespaceOf(randomBytes(16).toString('base64url')).prefix);
  const keys = raceKeys(randomBytes(6).toString('base64url'));
  let inFlight = 0;
  // Counts the commands in flight, so the test knows when the race has nothing left to do but sleep.
  const tracked =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A) => {
      inFlight += 1;
      return call(...args).finally(() => (inFlight -= 1));
    };
  const base = connection.redis;
  const redis: SimRedis = {
    ...base,
    get: tracked(base.get),
    set: tracked(base.set),
    del: tracked(base.del),
    getdel: tracked(base.getdel),
    eval: tracked(base.eval),
    publish: tracked(base.publish),
  };
  const clock = new ManualClock();
  const subject = new Race(settingsSchema.parse(input), { redis, keys, clock });
  try {
    await prepare?.(base, keys);
    let done = false;
    const finished = subject.run().finally(() => (done = true));
    while (!done) {
      // Idle: no command in flight, over two turns of the event loop (an answer starts the next command).
      let idleTurns = 0;
      while (idleTurns < 2 && !done) {
        await sleep(1);
        idleTurns = inFlight === 0 ? idleTurns + 1 : 0;
      }
      const due = clock.nextDue();
      if (done || due === undefined) continue;
      await clock.advance(due - clock.now());
    }
    return { summary: await finished, events: subject.recorder.read(), keyEvents: subject.keyLog.read() };
  } finally {
    connection.close();
  }
}
