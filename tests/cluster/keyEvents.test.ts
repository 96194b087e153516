import { describe, expect, it } from 'vitest';
import { keyEventHub } from '@/lib/server/events';
import { slotOf } from '@/lib/server/redis/slot';
import { addressOf, nodeKey, ownerOf, primaries } from '@/lib/server/redis/topology';
import { clusterClient } from '../support/cluster';
import { eventRecorder } from '../support/events';
import { newLearner } from '../support/learner';

describe('key events on a Redis Cluster', () => {
  it('arrive from every primary: each node notifies only about its own keys', async () => {
    const nodes = await primaries(clusterClient());
    const byNode = new Map<string, ReturnType<typeof newLearner>>();
    while (byNode.size < nodes.length) {
      const learner = newLearner();
      const owner = nodeKey(addressOf(await ownerOf(clusterClient(), slotOf(learner.session.namespace.prefix))));
      if (!byNode.has(owner)) byNode.set(owner, learner);
    }
    expect(await keyEventHub().mode()).toBe('push');
    await Promise.all(
      [...byNode.values()].map(async (learner) => {
        const recorder = eventRecorder();
        const { id, prefix } = learner.session.namespace;
        const stop = await keyEventHub().subscribe(id, prefix, recorder.listener);
        await learner.run('SET cache:lock owner PX 60000');
        expect((await recorder.waitFor((e) => e.key === 'cache:lock')).view).toMatchObject({ type: 'string', preview: '"owner"' });
        stop();
      }),
    );
    for (const node of nodes) expect(((await node.config('GET', 'notify-keyspace-events')) as string[])[1]).toMatch(/K.*A|A.*K/);
  });
});
