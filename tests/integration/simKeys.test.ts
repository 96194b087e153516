import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Race } from '@/lib/sim/engine';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import type { KeyEvent, SimEvent, SimRedis } from '@/lib/sim/types';
import { encodeValue, raceKeys } from '@/lib/sim/value';
import { appRedis } from '@/lib/server/redis/client';
import { namespaceOf } from '@/lib/server/session/namespace';
import { raceJson } from '@/lib/server/sim/raceReads';
import { startRace } from '@/lib/server/sim/races';
import { openRunConnection } from '@/lib/server/sim/simRedis';
import { newLearner } from '../support/learner';
import { race } from '../support/race';

const CONTRACT_FIELDS = ['t', 'role', 'key', 'op', 'ttlMs', 'holder'];

/** A race started as POST /api/sim starts it, in the learner's own session, read back as GET /api/sim/<id> answers. */
async function raceIn(learner: ReturnType<typeof newLearner>, input: SimSettingsInput) {
  const run = await startRace(learner.session.namespace, settingsSchema.parse(input));
  await run.finished;
  return { id: run.id, view: JSON.parse((await raceJson(learner.session, run.id, true)).toString()) as { keyEvents: KeyEvent[]; events: SimEvent[] } };
}

describe('a race and the learner’s own keys', () => {
  it('leaves the lesson’s cache:data and cache:lock exactly as they were, value and expiry', async () => {
    const learner = newLearner();
    await learner.run('SET cache:data "initial value"\nSET cache:lock "locked" NX PX 60000');
    const { prefix } = learner.session.namespace;
    const before = await appRedis().multi().get(`${prefix}cache:data`).get(`${prefix}cache:lock`).pexpiretime(`${prefix}cache:lock`).exec();
    for (const strategy of ['none', 'lock-poll', 'lock-notify', 'swr'] as const) {
      await raceIn(learner, { clients: 30, strategy, backendLatencyMs: 20, lockTtlMs: 500 });
    }
    const after = await appRedis().multi().get(`${prefix}cache:data`).get(`${prefix}cache:lock`).pexpiretime(`${prefix}cache:lock`).exec();
    expect(after).toEqual(before);
    expect(before!.map(([, value]) => value)).toEqual(['initial value', 'locked', expect.any(Number)]);
  });

  it('names its keys apart, after the race, and reports them under those names', async () => {
    const { id, view } = await raceIn(newLearner(), { clients: 20, strategy: 'lock-safe', backendLatencyMs: 30, lockTtlMs: 2_000 });
    expect(new Set(view.keyEvents.map((e) => `${e.role} ${e.key}`))).toEqual(new Set([`cache race:${id}:cache`, `lock race:${id}:lock`]));
    for (const event of view.keyEvents) expect(CONTRACT_FIELDS).toEqual(expect.arrayContaining(Object.keys(event)));
    const lock = view.keyEvents.filter((e) => e.role === 'lock');
    const winner = view.events.find((e) => e.type === 'lock-won')!.c;
    expect(lock.map((e) => [e.op, e.holder])).toEqual([
      ['set', winner],
      ['del', winner],
    ]);
    expect(lock[0]!.ttlMs).toBeGreaterThan(1_000);
    expect(lock[0]!.ttlMs).toBeLessThanOrEqual(2_000);
    const cacheSet = view.keyEvents.find((e) => e.role === 'cache' && e.op === 'set')!;
    expect(cacheSet.ttlMs).toBeGreaterThan(4_000);
    expect(cacheSet.ttlMs).toBeLessThanOrEqual(5_000);
  });
});

/**
 * The backend takes 450 ms, the lock lasts 300: the first holder is still working when its lock
 * expires, one of 19 pollers takes it within a few ms, and the first holder's release comes about
 * 150 ms into that lock, with as long again before it expires. (A 400 ms backend with a 100 ms lock
 * put the release at the fourth lock's expiry: on a busy machine it found no lock, or one taken a
 * moment before, whose holder the key watch had not read yet.)
 */
const expiringLock = { clients: 20, backendLatencyMs: 450, lockTtlMs: 300, pollIntervalMs: 20, maxPollIntervalMs: 40, seed: 9 } as const;

describe('key events, as Redis reported them', () => {
  it('a lock that expires under its holder is recorded as expired, and the plain DEL that follows as a stolen release', async () => {
    const { events, keyEvents } = await race({ ...expiringLock, strategy: 'lock-poll' });
    const lock = keyEvents.filter((e) => e.role === 'lock');
    const first = lock[0]!;
    expect(first).toMatchObject({ op: 'set', holder: expect.any(Number) });
    expect(first.ttlMs).toBeLessThanOrEqual(300);
    const expired = lock.find((e) => e.op === 'expired')!;
    expect(expired.holder).toBe(first.holder);
    // Expired under its holder: the holder released (or tried to) only after the expiry.
    const firstRelease = events.find((e) => e.c === first.holder && e.type.startsWith('release'))!;
    expect(firstRelease.t).toBeGreaterThan(expired.t);

    const stolen = events.filter((e) => e.type === 'release-stolen');
    expect(stolen.length).toBeGreaterThanOrEqual(1);
    const theft = stolen[0]!;
    const victim = Number(/client #(\d+)/.exec(theft.detail!)![1]);
    expect(victim).not.toBe(theft.c);
    // Redis saw the DEL of the victim's lock.
    expect(lock.some((e) => e.op === 'del' && e.holder === victim)).toBe(true);
    expect(lock.some((e) => e.op === 'set' && e.holder === victim)).toBe(true);
  });

  it('lock-safe refuses the same release, so Redis records no deletion of another client’s lock', async () => {
    const { events, keyEvents } = await race({ ...expiringLock, strategy: 'lock-safe' });
    expect(events.some((e) => e.type === 'release-refused')).toBe(true);
    expect(events.some((e) => e.type === 'release-stolen')).toBe(false);
    // Every deletion of the lock was by the client whose lock it was.
    const releases = events.filter((e) => e.type === 'release');
    for (const del of keyEvents.filter((e) => e.role === 'lock' && e.op === 'del')) expect(releases.map((e) => e.c)).toContain(del.holder);
  });

  it('records the stale value a race starts from, with its TTL, as its first key event', async () => {
    const { keyEvents, events } = await race({ clients: 10, strategy: 'swr', cacheTtlMs: 1_000, backendLatencyMs: 20 });
    const [start] = keyEvents;
    expect(start).toMatchObject({ role: 'cache', op: 'set' });
    expect(start!.ttlMs).toBeGreaterThan(2_500);
    expect(start!.ttlMs).toBeLessThanOrEqual(3_000);
    // In Redis's order: the race wrote its starting value before any client took the lock.
    expect(keyEvents.findIndex((e) => e.role === 'lock')).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'lock-won')).toBe(true);
  });
});

describe('stale-while-revalidate checks again under the lock', () => {
  it('does not refresh when another refresher wrote the value between its GET and its SET NX', async () => {
    // On one connection the interleaving is rare, so the test plays the other refresher: a real
    // write of a fresh value, sent the moment this reader's SET NX has won.
    const namespace = namespaceOf(randomBytes(12).toString('hex'));
    const connection = await openRunConnection(namespace.prefix);
    const keys = raceKeys('swr-recheck');
    let written = false;
    const redis: SimRedis = {
      ...connection.redis,
      async set(key, value, px, nx) {
        const won = await connection.redis.set(key, value, px, nx);
        if (nx && won && !written) {
          written = true;
          await connection.redis.set(keys.data, encodeValue({ v: 'refreshed by another reader', soft: Date.now() + 60_000, delta: 5 }), 180_000);
        }
        return won;
      },
    };
    try {
      const subject = new Race(settingsSchema.parse({ clients: 1, strategy: 'swr', backendLatencyMs: 10 }), { redis, keys });
      const summary = await subject.run();
      expect(written).toBe(true);
      expect(summary).toMatchObject({ served: 1, servedStale: 1, regenerations: 0 });
      expect(subject.recorder.read().map((e) => `${e.type}${e.detail ? ` (${e.detail})` : ''}`)).toContain('hit (double-check)');
    } finally {
      connection.close();
    }
  });
});

describe('lock-safe with a watchdog', () => {
  it('extends its lock while it works, so a regeneration longer than the lock TTL happens once; Redis records the extensions', async () => {
    // Extended every 200 ms, a 600 ms lock has 400 ms to spare for a busy machine's late timers.
    const settings = {
      clients: 30,
      strategy: 'lock-safe',
      backendLatencyMs: 1_500,
      lockTtlMs: 600,
      pollIntervalMs: 20,
      maxPollIntervalMs: 40,
      seed: 4,
    } as const;
    const { summary, keyEvents, events } = await race({ ...settings, watchdog: true });
    expect(summary).toMatchObject({ regenerations: 1, overlappingRegenerations: 0, served: 30 });
    const winner = events.find((e) => e.type === 'lock-won')!.c;
    const extended = keyEvents.filter((e) => e.role === 'lock' && e.op === 'pexpire');
    expect(extended.length).toBeGreaterThanOrEqual(2);
    for (const event of extended) {
      expect(event.holder).toBe(winner);
      expect(event.ttlMs).toBeLessThanOrEqual(600);
    }
    expect(keyEvents.some((e) => e.role === 'lock' && e.op === 'expired')).toBe(false);
    // Without it, the same race's lock expires under its holder.
    const unguarded = await race(settings);
    expect(unguarded.keyEvents.some((e) => e.role === 'lock' && e.op === 'expired')).toBe(true);
  });
});
