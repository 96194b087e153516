import { describe, expect, it } from 'vitest';
import { newLearner } from '../support/learner';

/**
 * No keys panel is open in this file's process, as on an app instance where none of the room's
 * browsers landed: the runs themselves start its hub, so the share holds wherever a run lands.
 */
describe('the key-change share on an instance with no keys panel open', () => {
  it('still stops a session past 100,000 changes in 10 s', async () => {
    const attacker = newLearner();
    const loop = `EVAL "for i = 1, 60000 do redis.call('INCR', KEYS[1]) end return 1" 1 c\nPING`;
    const first = await attacker.run(loop);
    expect(first.map((r) => r.ok)).toEqual([true, true]);
    const [, after] = await attacker.run(loop);
    expect(after!.text).toMatch(/it had used 100,000 changes to keys in 10 s, .* wait a few seconds, then run them again\./);
  });
});
