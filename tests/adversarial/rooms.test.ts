import { describe, expect, it } from 'vitest';
import { appRedis } from '@/lib/server/redis/client';
import { activityKey, codeKey, roomKeys } from '@/lib/server/workshop/keys';
import { ROOM_JOIN_BURST, ROOM_JOINS_PER_SECOND, SESSION_JOINS_PER_WINDOW } from '@/lib/server/workshop/limits';
import { dashboardOf, joined, openRoom, roomBrowser, type RoomBrowser } from '../support/roomBrowser';

const SEED = 'stampede-lock';
const PASSWORD = 'hunter2-Secret';

const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

/** A learner who was in R1 and has moved to R2, with keys and a last error from R1. */
async function movedLearner() {
  const r1 = await openRoom();
  const r2 = await openRoom();
  const ada = await joined(r1.code, 'Ada');
  await ada.run(`SET cache:data "initial value"\nAUTH ${PASSWORD}`, SEED);
  const r1Id = (await appRedis().get(codeKey(r1.code)))!;
  const r1Record = (await appRedis().hget(roomKeys(r1Id).members, ada.memberId))!;
  const inR2 = await joined(r2.code, 'Ada', ada);
  /** What a lost write would leave behind: R1's list naming Ada, and her R1 activity landing after the move. */
  const leaveStaleTraces = () =>
    Promise.all([
      appRedis().hset(roomKeys(r1Id).members, ada.memberId, r1Record),
      appRedis().hset(activityKey(ada.namespace), { member: ada.memberId, lastError: `AUTH ${PASSWORD} → late`, attempts: 7 }),
    ]);
  return { r1, r2, ada: inR2, oldMemberId: ada.memberId, leaveStaleTraces };
}

describe('a learner who moved from room R1 to room R2', () => {
  it('is gone from R1: its teacher cannot see, reset or remove them', async () => {
    const { r1, ada, oldMemberId } = await movedLearner();
    expect((await dashboardOf(r1.teacher, r1.code)).participants).toEqual([]);
    for (const response of [await r1.teacher.reset(r1.code, oldMemberId), await r1.teacher.remove(r1.code, oldMemberId)]) {
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toMatch(new RegExp(`no participant ${oldMemberId} in workshop ${r1.code} now`));
    }
    expect(await appRedis().get(`${ada.namespace.prefix}cache:data`)).toBe('initial value');
  });

  it('is out of R1 even where R1 still lists them: the membership decides, not the list', async () => {
    const { r1, r2, ada, oldMemberId, leaveStaleTraces } = await movedLearner();
    await leaveStaleTraces();
    expect((await dashboardOf(r1.teacher, r1.code)).participants).toEqual([]);
    expect((await r1.teacher.reset(r1.code, oldMemberId)).status).toBe(404);
    expect((await r1.teacher.remove(r1.code, oldMemberId)).status).toBe(404);
    expect(JSON.stringify(await dashboardOf(r2.teacher, r2.code))).not.toContain(PASSWORD);
    expect(await (await r1.teacher.close(r1.code)).json()).toEqual({ closed: true, participants: 0 });
    expect(await (await ada.mine()).json()).toMatchObject({ room: { code: r2.code } });
    expect(await appRedis().get(`${ada.namespace.prefix}cache:data`)).toBe('initial value');
  });

  it('keeps their R2 membership and their keys when R1 closes', async () => {
    const { r1, r2, ada } = await movedLearner();
    expect(await (await r1.teacher.close(r1.code)).json()).toEqual({ closed: true, participants: 0 });
    expect(await (await ada.mine()).json()).toMatchObject({ room: { code: r2.code, memberId: ada.memberId } });
    expect((await dashboardOf(r2.teacher, r2.code)).participants.map((p) => p.id)).toEqual([ada.memberId]);
    expect(await appRedis().get(`${ada.namespace.prefix}cache:data`)).toBe('initial value');
  });

  it('brings nothing of R1 to R2: R2 sees no last error from R1, and later errors reach R2 only', async () => {
    const { r1, r2, ada } = await movedLearner();
    expect((await dashboardOf(r2.teacher, r2.code)).participants[0]).not.toHaveProperty('lastError');
    await ada.run('INCR cache:data', SEED);
    expect((await dashboardOf(r2.teacher, r2.code)).participants[0]!.lastError).toMatch(/^INCR cache:data → \(error\)/);
    expect(JSON.stringify(await dashboardOf(r1.teacher, r1.code))).not.toContain('INCR');
  });

  it('is told by the R1 tab still open that it is no longer in R1, and hears nothing more of it', async () => {
    const r1 = await openRoom();
    const r2 = await openRoom();
    const ada = await joined(r1.code, 'Ada');
    const oldTab = await ada.events(r1.code);
    await oldTab.waitFor((m) => m.event === 'hello');
    await joined(r2.code, 'Ada', ada);
    await r1.teacher.push(r1.code, { lesson: SEED, step: 2 });
    expect((await oldTab.waitFor((m) => m.event === 'room')).data).toEqual({ type: 'removed', memberId: ada.memberId });
    await oldTab.finished;
    expect(oldTab.messages.filter((m) => m.event === 'room')).toHaveLength(1);
  });
});

describe('a password typed in a room', () => {
  it.each([
    [`AUTH ${PASSWORD}`, 'AUTH ***'],
    [`"auth" default "${PASSWORD}"`, 'auth *** ***'],
    [`HELLO 3 AUTH default ${PASSWORD}`, 'HELLO 3 AUTH *** ***'],
    [`MIGRATE 127.0.0.1 1 "" 0 10 AUTH ${PASSWORD} KEYS k`, 'MIGRATE 127.0.0.1 1 "" 0 10 AUTH *** KEYS k'],
    [`AUTH "${PASSWORD}`, '(a line redis-cli cannot split into arguments)'],
  ])('never reaches the dashboard: %s', async (line, shown) => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    await ada.run(line, SEED);
    const view = await dashboardOf(teacher, code);
    expect(view.participants[0]!.lastError).toMatch(new RegExp(`^${shown.replace(/[()*]/g, '\\$&')} → `));
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect(JSON.stringify(view)).not.toContain(PASSWORD.slice(0, 7));
  });
});

describe('joining a room', () => {
  it('refuses a scripted flood with 429 while a student who joined earlier carries on', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    const started = Date.now();
    const flood = await Promise.all(Array.from({ length: 200 }, (_, i) => roomBrowser().join(code, `bot${i}`)));
    const seconds = (Date.now() - started) / 1000 + 1;
    const admitted = flood.filter((response) => response.status === 200).length;
    const refused = flood.filter((response) => response.status === 429);
    expect(admitted + refused.length).toBe(200);
    // Whatever the machine's speed: a burst at once, then ROOM_JOINS_PER_SECOND more each second.
    expect(admitted).toBeLessThanOrEqual(ROOM_JOIN_BURST + Math.ceil(ROOM_JOINS_PER_SECOND * seconds));
    expect(await errorOf(refused[0]!)).toMatch(new RegExp(`Many people are joining workshop ${code} at once\\. Try again in \\d+ s\\.`));

    expect((await ada.join(code, 'Ada L.')).status).toBe(200);
    expect((await ada.run('SET cache:data "initial value"', SEED)).status).toBe(200);
    const row = (await dashboardOf(teacher, code)).participants.find((p) => p.id === ada.memberId);
    expect(row).toMatchObject({ name: 'Ada L.', step: 2 });
  });

  it('lets one browser join or rename itself a bounded number of times a minute', async () => {
    const { code } = await openRoom();
    const ada = roomBrowser();
    for (let i = 0; i < SESSION_JOINS_PER_WINDOW; i += 1) expect((await ada.join(code, `Ada ${i}`)).status).toBe(200);
    const response = await ada.join(code, 'Ada again');
    expect(response.status).toBe(429);
    expect(await errorOf(response)).toMatch(/joined workshops 10 times in the last minute/);
  });

  it('does not count a refused join against the student', async () => {
    const { teacher, code } = await openRoom();
    await teacher.lock(code, { locked: true });
    const late = roomBrowser();
    for (let i = 0; i < SESSION_JOINS_PER_WINDOW + 2; i += 1) expect((await late.join(code, 'Late')).status).toBe(403);
    await teacher.lock(code, { locked: false });
    expect((await late.join(code, 'Late')).status).toBe(200);
  });
});

describe('a locked room', () => {
  it('refuses newcomers with a sentence, keeps those inside, and opens again', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    expect(await (await teacher.lock(code, { locked: true })).json()).toEqual({ locked: true });
    expect((await dashboardOf(teacher, code)).locked).toBe(true);

    const late = roomBrowser();
    const refused = await late.join(code, 'Late');
    expect(refused.status).toBe(403);
    expect(await errorOf(refused)).toBe(`Workshop ${code} is locked: the teacher is not letting anyone else in. Ask them to unlock it.`);
    expect((await ada.join(code, 'Ada renamed')).status).toBe(200);

    await teacher.lock(code, { locked: false });
    expect((await late.join(code, 'Late')).status).toBe(200);
  });

  it.each([
    ['a participant', async (b: RoomBrowser, code: string) => b.lock(code, { locked: true }), 403, /Only the teacher/],
    [
      'a body without "locked"',
      async (_b: RoomBrowser, code: string, t: RoomBrowser) => t.lock(code, { locked: 'yes' }),
      422,
      /Send whether the room is locked/,
    ],
  ])('answers %s with a sentence', async (_label, call, status, message) => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    const response = await call(ada, code, teacher);
    expect(response.status).toBe(status);
    expect(await errorOf(response)).toMatch(message);
    expect((await dashboardOf(teacher, code)).locked).toBe(false);
  });
});

describe('a removed participant', () => {
  it('leaves the room at once, hears so, keeps their keys, and may not join again', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    const bob = await joined(code, 'Bob');
    await ada.run('SET cache:data "initial value"', SEED);
    const stream = await ada.events(code);
    await stream.waitFor((m) => m.event === 'hello');

    expect((await bob.remove(code, ada.memberId)).status).toBe(403);
    expect(await (await teacher.remove(code, ada.memberId)).json()).toEqual({ removed: ada.memberId });
    expect((await stream.waitFor((m) => m.event === 'room')).data).toEqual({ type: 'removed', memberId: ada.memberId });
    await stream.finished;

    expect((await dashboardOf(teacher, code)).participants.map((p) => p.name)).toEqual(['Bob']);
    expect(await (await ada.mine()).json()).toEqual({ room: null });
    expect(await appRedis().get(`${ada.namespace.prefix}cache:data`)).toBe('initial value');
    expect((await ada.events(code)).response.status).toBe(403);
    const again = await ada.join(code, 'Ada');
    expect(again.status).toBe(403);
    expect(await errorOf(again)).toMatch(new RegExp(`The teacher removed you from workshop ${code}`));
    expect((await teacher.remove(code, ada.memberId)).status).toBe(404);
    expect(await (await teacher.close(code)).json()).toEqual({ closed: true, participants: 1 });
    expect(await appRedis().get(`${ada.namespace.prefix}cache:data`)).toBe('initial value');
  });
});
