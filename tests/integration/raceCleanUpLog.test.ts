import { beforeAll, describe, expect, it } from 'vitest';
import { manyKeys, raceKeys } from '@/lib/sim/value';
import { logTo } from '@/lib/server/log/logger';
import { loggingCleanUp, openRunConnection } from '@/lib/server/sim/simRedis';
import { newLearner } from '../support/learner';

const written: string[] = [];
const lines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);

beforeAll(() => logTo({ write: (line: string) => void written.push(line) }));

describe("a race's clean-up", () => {
  it('that fails is logged once, with the race and its owner; a failed delete-key fault is left to its caller', async () => {
    const { session } = newLearner();
    const keys = raceKeys('cleanup-test');
    const connection = await openRunConnection(session.namespace.prefix);
    const redis = loggingCleanUp(connection.redis, { race: 'cleanup-test', owner: session.namespace.id });
    expect(await redis.del(keys.data, keys.lock)).toBe(0);
    // The race's connection is gone by the time the engine cleans up (as after a dropped connection).
    connection.close();
    await expect(redis.del(keys.data)).rejects.toThrow(/closed/);
    // As the engine does it: the failure goes no further than the log.
    await redis.del(keys.data, keys.lock).catch(() => undefined);
    // A many-keys race deletes every key's lock; no key is named like the one-key race's.
    const second = manyKeys(keys, 2).flatMap((k) => [k.data, k.lock]);
    await redis.del(...second).catch(() => undefined);
    const failed = lines().filter((line) => line.msg === "deleting a finished race's keys failed");
    const logged = expect.objectContaining({
      level: 40,
      race: 'cleanup-test',
      owner: session.namespace.id,
      err: expect.objectContaining({ message: expect.stringMatching(/closed/) }),
    });
    expect(failed).toEqual([logged, logged]);
  });
});
