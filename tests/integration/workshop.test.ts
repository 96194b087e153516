import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStreamCount } from '@/lib/server/http/sse';
import { appRedis } from '@/lib/server/redis/client';
import { slotOf } from '@/lib/server/redis/slot';
import { ownerOf } from '@/lib/server/redis/topology';
import { codeKey, roomKeys } from '@/lib/server/redisKeys';
import { STUCK_AFTER_ATTEMPTS } from '@/lib/workshop/stuck';
import { keysMatching } from '../support/keys';
import { dashboardOf as dashboard, joined, openRoom, roomBrowser } from '../support/roomBrowser';

const SEED = 'stampede-lock';

describe('a workshop room', () => {
  it('gives the teacher a short join code, a join link and a secret teacher link', async () => {
    const { code, joinPath, teacherPath, key } = await openRoom();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(joinPath).toBe(`/join/${code}`);
    expect(teacherPath).toMatch(new RegExp(`^/teach/${code}#key=[\\w-]{24}$`));
    expect(key.length).toBe(24);
  });

  it('lets participants join with a display name, and shows their progress, stuck flag and last error live', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code.toLowerCase(), '  Ada   Lovelace ');
    const bob = await joined(code, '<img src=x onerror=alert(1)>');
    expect(await (await ada.mine()).json()).toMatchObject({ room: { code, name: 'Ada Lovelace', role: 'participant', memberId: ada.memberId } });

    await ada.run('SET cache:data "initial value"', SEED);
    for (let i = 0; i < STUCK_AFTER_ATTEMPTS; i += 1) await bob.run('SET cache:data', SEED);

    const view = await dashboard(teacher, code);
    expect(view.participants.map((p) => p.name)).toEqual(['Ada Lovelace', '<img src=x onerror=alert(1)>']);
    const [adaRow, bobRow] = view.participants;
    expect(adaRow).toMatchObject({ lesson: SEED, step: 2, steps: 4, attempts: 0, stuck: false, lessonTitle: expect.any(String) });
    expect(adaRow!.stepSince).toBeLessThanOrEqual(view.now + 1_000);
    expect(adaRow!.lastError).toBeUndefined();
    expect(bobRow).toMatchObject({
      lesson: SEED,
      step: 1,
      attempts: STUCK_AFTER_ATTEMPTS,
      stuck: true,
      lastError: "SET cache:data → (error) ERR wrong number of arguments for 'set' command",
    });
  });

  it('keeps the dashboard and every teacher action for teachers; the teacher link makes another browser one', async () => {
    const { code, key } = await openRoom();
    const ada = await joined(code, 'Ada');
    for (const response of [await ada.dashboard(code), await ada.push(code, { lesson: SEED }), await ada.reset(code, ada.memberId), await ada.close(code)]) {
      expect(response.status).toBe(403);
      expect((await response.json()).error).toMatch(new RegExp(`Only the teacher of workshop ${code}`));
    }
    const laptop = roomBrowser();
    expect((await laptop.claim(code, `${key}x`)).status).toBe(403);
    expect((await laptop.claim(code, key)).status).toBe(200);
    expect((await dashboard(laptop, code)).participants).toHaveLength(1);
  });

  it.each([
    ['an unknown code', (b: ReturnType<typeof roomBrowser>) => b.check('ZZZZZZ'), 404, /no open workshop with the code "ZZZZZZ"/],
    ['a code that cannot be one', (b: ReturnType<typeof roomBrowser>) => b.join('<script>', 'Ada'), 404, /no open workshop/],
  ])('answers %s with a sentence', async (_label, call, status, message) => {
    const response = await call(roomBrowser());
    expect(response.status).toBe(status);
    expect((await response.json()).error).toMatch(message);
  });

  it.each([
    [{ name: '   ' }, /Type the name/],
    [{ name: 'x'.repeat(41) }, /at most 40 characters/],
    [{}, /Send the name/],
  ])('refuses a bad name %j with 422', async (body, message) => {
    const { code } = await openRoom();
    const response = await roomBrowser().join(code, (body as { name?: string }).name as string);
    expect(response.status).toBe(422);
    expect((await response.json()).error).toMatch(message);
  });

  it('pushes a lesson step to every participant through their event stream', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    const stream = await ada.events(code);
    await stream.waitFor((m) => m.event === 'hello');
    expect((await teacher.push(code, { lesson: SEED, step: 3 })).status).toBe(200);
    expect((await stream.waitFor((m) => m.event === 'room')).data).toEqual({ type: 'push', lesson: SEED, step: 3 });
    expect((await teacher.push(code, { lesson: SEED, step: 9 })).status).toBe(422);
    expect((await teacher.push(code, { lesson: 'nope' })).status).toBe(422);
    const late = await joined(code, 'Late');
    expect(await (await late.join(code, 'Late')).json()).toMatchObject({ pushed: { lesson: SEED, step: 3 } });
    stream.close();
  });

  it('resets one participant without touching the others', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    const bob = await joined(code, 'Bob');
    await ada.run('SET cache:data "initial value"', SEED);
    await bob.run('SET cache:data "initial value"', SEED);
    const stream = await ada.events(code);
    await stream.waitFor((m) => m.event === 'hello');
    expect((await teacher.reset(code, ada.memberId)).status).toBe(200);
    await stream.waitFor((m) => m.event === 'room' && (m.data as { type: string }).type === 'reset');
    const redis = appRedis();
    expect(await redis.exists(`${ada.namespace.prefix}cache:data`)).toBe(0);
    expect(await redis.exists(`${bob.namespace.prefix}cache:data`)).toBe(1);
    const rows = (await dashboard(teacher, code)).participants;
    expect(rows.find((p) => p.name === 'Ada')).not.toHaveProperty('step');
    expect(rows.find((p) => p.name === 'Bob')).toMatchObject({ step: 2 });
    expect((await teacher.reset(code, 'nobody')).status).toBe(404);
    stream.close();
  });

  it('deletes every key of the room when the teacher closes it, and tells the participants', async () => {
    const { teacher, code } = await openRoom();
    const ada = await joined(code, 'Ada');
    const outsider = roomBrowser();
    await ada.run('SET cache:data "initial value"\nSET cache:lock locked', SEED);
    await outsider.run('SET cache:data mine');
    const stream = await ada.events(code);
    await stream.waitFor((m) => m.event === 'hello');
    const response = await teacher.close(code);
    expect(await response.json()).toEqual({ closed: true, participants: 1 });
    await stream.waitFor((m) => (m.data as { type?: string }).type === 'closed');
    await stream.finished;
    const redis = appRedis();
    expect(await keysMatching(`${ada.namespace.prefix}*`)).toEqual([]);
    expect(await redis.exists(ada.namespace.keys.progress, ada.namespace.keys.room)).toBe(0);
    expect(await redis.get(`${outsider.namespace.prefix}cache:data`)).toBe('mine');
    expect((await teacher.check(code)).status).toBe(404);
    expect(await (await ada.mine()).json()).toEqual({ room: null });
  });

  it('unsubscribes from the room’s channel when the last browser on this server closes its stream', async () => {
    const { code } = await openRoom();
    const [ada, bob] = [await joined(code, 'Ada'), await joined(code, 'Bob')];
    const { feed } = roomKeys((await appRedis().get(codeKey(code)))!);
    // Asked of the node that serves the feed's slot: PUBSUB has no key, so a cluster client would ask any node.
    const subscribers = async () => (await (await ownerOf(appRedis(), slotOf(feed))).call('PUBSUB', 'SHARDNUMSUB', feed)) as [string, number];
    const openBefore = openStreamCount();
    const [adaStream, bobStream] = [await ada.events(code), await bob.events(code)];
    await Promise.all([adaStream.waitFor((m) => m.event === 'hello'), bobStream.waitFor((m) => m.event === 'hello')]);
    expect(await subscribers()).toEqual([feed, 1]);
    expect(openStreamCount()).toBe(openBefore + 2);

    adaStream.close();
    await adaStream.finished;
    expect(openStreamCount()).toBe(openBefore + 1);
    expect(await subscribers()).toEqual([feed, 1]);
    bobStream.close();
    await bobStream.finished;
    expect(openStreamCount()).toBe(openBefore);
    for (const deadline = Date.now() + 3_000; (await subscribers())[1] !== 0;) {
      if (Date.now() > deadline) throw new Error('The room’s channel kept its subscriber');
      await sleep(20);
    }
  });

  it('refuses the event stream to anyone outside the room', async () => {
    const { code } = await openRoom();
    const { response } = await roomBrowser().events(code);
    expect(response.status).toBe(403);
    expect((await response.json()).error).toMatch(/not in workshop/);
  });
});
