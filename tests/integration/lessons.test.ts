import { describe, expect, it } from 'vitest';
import { appRedis } from '@/lib/server/redis/client';
import { buildLessonSnapshot } from '@/lib/server/lessons/snapshot';
import { evaluateLesson, listLessons, resetLesson } from '@/lib/server/lessons/service';
import { readProgress } from '@/lib/server/lessons/progressStore';
import { newLearner } from '../support/learner';

/** The session's key names as the learner's own `KEYS *` lists them, sorted. */
async function keysOf(learner: ReturnType<typeof newLearner>): Promise<string[]> {
  const [text] = await learner.texts('KEYS *');
  return text === '(empty array)'
    ? []
    : text!
        .split('\n')
        .map((line) => line.replace(/^\d+\) "(.*)"$/, '$1'))
        .sort();
}

const SEED = ['SET cache:data "initial value"', 'SET cache:lock "locked"', 'GET cache:data', 'SET cache:lock "locked" NX PX 30000', 'DEL cache:lock'];

describe('lesson snapshots', () => {
  it('read every key of the session with its type, whole value and TTL, without the namespace', async () => {
    const learner = newLearner();
    await learner.run('SET s "a b" PX 60000\nHSET h value v1 fresh_until 1\nRPUSH l x y\nSADD st b a\nZADD z 2 two 1 one\nXADD x * f v');
    const { keys, log, now } = await buildLessonSnapshot(appRedis(), learner.session.namespace);
    expect(keys.s).toMatchObject({ type: 'string', value: 'a b' });
    expect(keys.s!.ttlMs).toBeGreaterThan(59_000);
    expect(keys.h).toEqual({ type: 'hash', fields: { value: 'v1', fresh_until: '1' }, ttlMs: null });
    expect(keys.l).toEqual({ type: 'list', items: ['x', 'y'], ttlMs: null });
    expect(keys.st).toEqual({ type: 'set', members: ['a', 'b'], ttlMs: null });
    expect(keys.z).toEqual({
      type: 'zset',
      members: [
        { member: 'one', score: 1 },
        { member: 'two', score: 2 },
      ],
      ttlMs: null,
    });
    expect(keys.x).toEqual({ type: 'other', redisType: 'stream', ttlMs: null });
    expect(log.map((c) => c.command)).toContain('ZADD z 2 two 1 one');
    expect(Math.abs(now - Date.now())).toBeLessThan(5_000);
  });

  it('see only their own session', async () => {
    const alice = newLearner();
    const bob = newLearner();
    await alice.run('SET mine 1');
    await bob.run('SET theirs 1');
    const snapshot = await buildLessonSnapshot(appRedis(), alice.session.namespace);
    expect(Object.keys(snapshot.keys)).toEqual(['mine']);
    expect(snapshot.log.map((c) => c.command)).toEqual(['SET mine 1']);
  });

  it('follow keys that change name, and keys a script makes under names it never declared', async () => {
    const learner = newLearner();
    await learner.run('SET a 1\nRENAME a b\nSADD from x\nSMOVE from to x');
    await learner.run(`EVAL "redis.call('SET', KEYS[1] .. ':made', 1) return 1" 1 base`);
    // A script is followed by one SCAN of the session's keys (quota.ts), which goes on after the answer.
    await expect
      .poll(async () => Object.keys((await buildLessonSnapshot(appRedis(), learner.session.namespace)).keys).sort())
      .toEqual(['b', 'base:made', 'to']);
  });
});

describe('lesson progress', () => {
  it('is kept in Redis per session, in an internal key the learner cannot see', async () => {
    const learner = newLearner();
    await learner.run(SEED.slice(0, 2).join('\n'));
    expect(await evaluateLesson(learner.session.namespace, 'stampede-lock')).toMatchObject({ completed: 2, total: 4 });
    expect(await readProgress(appRedis(), learner.session.namespace, 'stampede-lock')).toMatchObject({ completed: 2 });
    expect(await keysOf(learner)).toEqual(['cache:data', 'cache:lock']);
    // A later visit (a reload) reads the same progress, though step 2's lock is gone by now.
    await learner.run('DEL cache:lock');
    expect(await evaluateLesson(learner.session.namespace, 'stampede-lock')).toMatchObject({ completed: 2 });
    expect((await listLessons(learner.session.namespace)).find((l) => l.slug === 'stampede-lock')).toMatchObject({ completed: 2, steps: 4 });
    expect(await evaluateLesson(newLearner().session.namespace, 'stampede-lock')).toMatchObject({ completed: 0 });
  });

  it('reports the specific hint for a near miss', async () => {
    const learner = newLearner();
    await learner.run('SET cache:data "initial value"\nSET cache:lock "locked"\nGET cache:data\nSET cache:lock "locked" EX 30');
    const progress = await evaluateLesson(learner.session.namespace, 'stampede-lock');
    expect(progress).toMatchObject({ completed: 2, hint: expect.stringMatching(/`EX 30` counts in seconds/) });
  });
});

describe('resetting a lesson', () => {
  it("deletes all of this session's keys and the lesson's progress, and nothing of another session", async () => {
    const learner = newLearner();
    const other = newLearner();
    await learner.run(SEED.join('\n') + '\nSET extra 1\nHSET h f v');
    await other.run('SET cache:data "initial value"\nSET other 1');
    expect(await evaluateLesson(learner.session.namespace, 'stampede-lock')).toMatchObject({ completed: 4 });
    await evaluateLesson(other.session.namespace, 'stampede-lock');

    const { deletedKeys, progress } = await resetLesson(learner.session.namespace, 'stampede-lock');
    expect(deletedKeys).toBe(3);
    expect(progress).toEqual({ slug: 'stampede-lock', completed: 0, total: 4 });
    expect(await keysOf(learner)).toEqual([]);
    expect(await evaluateLesson(learner.session.namespace, 'stampede-lock')).toMatchObject({ completed: 0 });
    expect(await keysOf(other)).toEqual(['cache:data', 'other']);
    expect(await evaluateLesson(other.session.namespace, 'stampede-lock')).toMatchObject({ completed: 1 });
  });

  it('forgets commands run before it: step 2 is not done by an old SET', async () => {
    const learner = newLearner();
    await learner.run(SEED.slice(0, 2).join('\n'));
    await resetLesson(learner.session.namespace, 'stampede-lock');
    await learner.run('SET cache:data "initial value"');
    expect(await evaluateLesson(learner.session.namespace, 'stampede-lock')).toMatchObject({ completed: 1 });
  });
});
