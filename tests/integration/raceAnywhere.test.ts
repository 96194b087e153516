import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import type { SimEvent } from '@/lib/sim/types';
import { DomainError } from '@/lib/server/errors';
import { appRedis } from '@/lib/server/redis/client';
import { namespaceOf, type Namespace } from '@/lib/server/session/namespace';
import { forwardAdmission, storedLane, viewedOwner } from '@/lib/server/sim/raceAccess';
import { raceJson } from '@/lib/server/sim/raceReads';
import { startRace } from '@/lib/server/sim/races';
import { followStored, forwardFault, storedView, type StoredFrame } from '@/lib/server/sim/storedRace';
import { newLearner } from '../support/learner';

/**
 * What another app instance sees of a race: it reads the copy the runner keeps in Redis
 * (storedView, followStored) and forwards faults to it; here the runner is this process.
 */
/** Follows a stored race to its end, handing each frame to `onFrame`; answers its end state. */
async function follow(namespace: Namespace, id: string, onFrame: (frame: StoredFrame) => void) {
  const frames = followStored(namespace, id, new AbortController().signal);
  for (;;) {
    const next = await frames.next();
    if (next.done) return next.value;
    onFrame(next.value);
  }
}

const start = (input: SimSettingsInput) => {
  const { session } = newLearner();
  return startRace(session.namespace, settingsSchema.parse(input)).then((run) => ({ session, run }));
};

describe('a race seen from another app instance', () => {
  it('is found as soon as it starts, and ends with the runner’s status, summary and every event', async () => {
    const { session, run } = await start({ clients: 50, strategy: 'lock-poll', backendLatencyMs: 100, seed: 5 });
    expect((await storedView(session.namespace, run.id, false)).status).toBe('running');
    const followed: SimEvent[] = [];
    const end = await follow(session.namespace, run.id, ({ events }) => followed.push(...events));
    await run.finished;
    const local = JSON.parse((await raceJson(session, run.id, true)).toString());
    expect(end).toMatchObject({ status: 'done', summary: { served: 50 } });
    expect(followed).toEqual(local.events);
    expect(await storedView(session.namespace, run.id, true)).toEqual(local);
  });

  it('takes a fault and hands it to the instance that runs the race', async () => {
    const { session, run } = await start({ clients: 20, strategy: 'lock-poll', backendLatencyMs: 300, lockTtlMs: 2_000 });
    await forwardFault(session.namespace, run.id, 'delete-key');
    await run.finished;
    expect(
      run.race.recorder
        .read()
        .filter((e) => e.type === 'fault')
        .map((e) => e.detail),
    ).toEqual(['Delete the cache key']);
    await expect(forwardFault(session.namespace, run.id, 'delete-key')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('keeps one running race per session across instances, and hides races of other sessions', async () => {
    const { session, run } = await start({ clients: 10, backendLatencyMs: 300 });
    const second = await startRace(session.namespace, settingsSchema.parse({ clients: 1 })).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(DomainError);
    expect((second as DomainError).kind).toBe('over-quota');
    await expect(storedView(newLearner().session.namespace, run.id, false)).rejects.toMatchObject({ kind: 'not-found' });
    await run.finished;
  });

  it('reports a race whose runner went away as failed, not as running forever', async () => {
    const { namespace } = newLearner().session;
    const summary = JSON.stringify((await start({ clients: 1 })).run.race.summary());
    await appRedis().hset(namespace.keys.race('gone').meta, { status: 'running', settings: '{}', summary });
    expect(await storedView(namespace, 'gone', false)).toMatchObject({ status: 'failed', error: expect.stringMatching(/went away/) });
  });

  it('lets a class race’s participants in through the runner, and shows their lanes and their right to read', async () => {
    const room = namespaceOf(`room:${randomBytes(8).toString('hex')}`);
    const [teacher, ada, grace] = [newLearner().session, newLearner().session, newLearner().session];
    const settings = { ...settingsSchema.parse({ strategy: 'lock-poll', backendLatencyMs: 300, lockTtlMs: 2_000 }), clients: 5 };
    // A long window: the forwarded admissions must arrive within it on a busy machine.
    const run = await startRace(room, settings, { viewers: [teacher.id], admissionWindowMs: 4_000 });

    expect(await forwardAdmission(room, run.id, ada.namespace, 'Ada')).toBe(5);
    expect(await forwardAdmission(room, run.id, grace.namespace, 'Grace')).toBe(6);
    // Asking again, as a reloaded page does, answers the same lane.
    expect(await forwardAdmission(room, run.id, ada.namespace, 'Ada')).toBe(5);
    await expect(forwardAdmission(room, run.id, newLearner().session.namespace, '\u200b')).rejects.toMatchObject({ kind: 'refused' });

    const labels: Record<number, string> = {};
    const end = await follow(room, run.id, (frame) => Object.assign(labels, frame.labels));
    expect(end).toMatchObject({ status: 'done', summary: { clients: 7, served: 7 } });
    expect(labels).toEqual({ 5: 'Ada', 6: 'Grace' });
    expect((await storedView(room, run.id, false)).labels).toEqual({ 5: 'Ada', 6: 'Grace' });
    expect(await storedLane(room, run.id, grace.namespace)).toBe(6);
    expect(await storedLane(room, run.id, teacher.namespace)).toBeUndefined();
    expect((await viewedOwner(teacher.namespace, run.id))?.id).toBe(room.id);
    expect(await viewedOwner(ada.namespace, run.id)).toBeUndefined();
    await expect(forwardAdmission(room, run.id, newLearner().session.namespace, 'Late')).rejects.toMatchObject({
      kind: 'conflict',
      message: 'This race has finished; wait for the next one.',
    });
  });
});
