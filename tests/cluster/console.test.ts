import { describe, expect, it } from 'vitest';
import { lowerBusyThreshold } from '@/lib/server/redis/scriptGuard';
import { slotOf } from '@/lib/server/redis/slot';
import { ownerOf, primaries } from '@/lib/server/redis/topology';
import { clusterClient, moveSlot } from '../support/cluster';
import { newLearner } from '../support/learner';

describe("a learner's console on a Redis Cluster", () => {
  it("runs on the primary that owns the session's slot, which the app computes as Redis does", async () => {
    const learner = newLearner();
    const { prefix } = learner.session.namespace;
    expect(await learner.texts('SET cache:data v\nGET cache:data')).toEqual(['OK', '"v"']);
    const slot = slotOf(prefix);
    expect(await clusterClient().call('CLUSTER', 'KEYSLOT', `${prefix}cache:data`)).toBe(slot);
    expect(await (await ownerOf(clusterClient(), slot)).exists(`${prefix}cache:data`)).toBe(1);
  });

  it('follows its slot through a resharding: ASK while it migrates, MOVED once it has moved', async () => {
    const learner = newLearner();
    const { prefix } = learner.session.namespace;
    await learner.run('SET before 1');
    const target = await moveSlot(slotOf(prefix), async () => {
      // A key still on the old owner is served there; a new one goes to the importing node.
      expect(await learner.texts('GET before\nSET during 2\nGET during')).toEqual(['"1"', 'OK', '"2"']);
    });
    expect(await learner.texts('GET before\nINCR before\nEXISTS before during\nPING')).toEqual(['"1"', '(integer) 2', '(integer) 2', 'PONG']);
    expect(await target.exists(`${prefix}before`, `${prefix}during`)).toBe(2);
  });

  it('has its own Redis user on every primary, since users are node-local', async () => {
    const learner = newLearner();
    await learner.run('PING');
    for (const node of await primaries(clusterClient())) {
      expect(await node.call('ACL', 'GETUSER', `sl-${learner.session.namespace.id}`), `${node.options.port}`).not.toBeNull();
    }
  });

  it('lowers the busy-script threshold on every primary', async () => {
    await lowerBusyThreshold(clusterClient());
    for (const node of await primaries(clusterClient())) expect(await node.config('GET', 'busy-reply-threshold')).toEqual(['busy-reply-threshold', '500']);
  });
});
