import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { POST as postRace } from '@/app/api/sim/route';
import { GET as readRace } from '@/app/api/sim/[id]/route';
import { namespaceOf } from '@/lib/server/session/namespace';
import { BUILDS_PER_SESSION, raceJson, storedRaceJson } from '@/lib/server/sim/raceReads';
import { startRace } from '@/lib/server/sim/races';
import { localRun, viewOf } from '@/lib/server/sim/runs';
import { storedView } from '@/lib/server/sim/storedRace';
import { settingsSchema, type SimSettingsInput } from '@/lib/sim/settings';
import { setTimeout as sleep } from 'node:timers/promises';
import { browserSession, routeParams } from '../support/browserSession';

/** A browser of its own session, talking to the real race route handlers. */
function learner() {
  const { session, request } = browserSession();
  return {
    session,
    namespace: session.namespace,
    post: async (settings: SimSettingsInput) => {
      const response = await postRace(request('/api/sim', settings));
      return { status: response.status, body: (await response.json()) as { id?: string; error?: string } };
    },
    read: async (id: string, query = '') => {
      const response = await readRace(request(`/api/sim/${id}${query}`), routeParams({ id }));
      return { status: response.status, text: await response.text() };
    },
    async finished(id: string) {
      for (;;) {
        const { status } = JSON.parse((await this.read(id, '?events=none')).text) as { status: string };
        if (status !== 'running') return status;
        await sleep(100);
      }
    },
  };
}

/** A 10,000-client race spread over a few seconds: what a heavy session posts, and still running while the others ask. */
const HEAVY: SimSettingsInput = { clients: 10_000, strategy: 'none', arrival: 'window', windowMs: 4_000, backendLatencyMs: 20 };
const NORMAL: SimSettingsInput = { clients: 100, strategy: 'lock-poll', backendLatencyMs: 50 };

describe('two sessions flooding the race capacity', () => {
  it('cannot keep a third session’s race, or a class race, from starting; the big races take turns', { timeout: 120_000 }, async () => {
    const [first, second, newcomer] = [learner(), learner(), learner()];
    const heavy = await first.post(HEAVY);
    expect(heavy.status, heavy.body.error).toBe(201);
    const over = await second.post(HEAVY);
    expect(over.status).toBe(429);
    expect(over.body.error).toMatch(
      /^Races of more than 1,000 clients share 16,000 of this server's 20,000 clients, .* You are first in line for it: run again in a few seconds/,
    );

    const normal = await newcomer.post(NORMAL);
    expect(normal.status, normal.body.error).toBe(201);
    const room = namespaceOf(`room:${randomBytes(8).toString('hex')}`);
    const classRace = await startRace(
      room,
      { ...settingsSchema.parse({ strategy: 'lock-poll', backendLatencyMs: 50 }), clients: 1_000 },
      { admissionWindowMs: 1_000 },
    );
    expect(await newcomer.finished(normal.body.id!)).toBe('done');
    await classRace.finished;
    expect(classRace.status).toBe('done');

    // The second keeps asking while the first races (a place is kept 10 s after each try) …
    while (JSON.parse((await first.read(heavy.body.id!, '?events=none')).text).status === 'running') {
      expect((await second.post(HEAVY)).body.error).toMatch(/You are first in line for it/);
      await sleep(300);
    }
    // … so when the first posts again the moment its race ends, the second goes first.
    const again = await first.post(HEAVY);
    expect(again.status).toBe(429);
    expect(again.body.error).toMatch(/1 session waits for it before you; you are 2nd in line/);
    const turn = await second.post(HEAVY);
    expect(turn.status, turn.body.error).toBe(201);
    expect((await first.post(HEAVY)).body.error).toMatch(/You are first in line for it/);
    expect(await second.finished(turn.body.id!)).toBe('done');
    const last = await first.post(HEAVY);
    expect(last.status, last.body.error).toBe(201);
    expect(await first.finished(last.body.id!)).toBe('done');
  });
});

describe('a flood of reads of one’s own big race', () => {
  it('serves 20 parallel reads of a finished race with one answer, written once and kept, identical to the race as it is', { timeout: 60_000 }, async () => {
    const owner = learner();
    const { body } = await owner.post({ clients: 10_000, strategy: 'lock-poll', backendLatencyMs: 300 });
    expect(await owner.finished(body.id!)).toBe('done');
    const answers = await Promise.all(Array.from({ length: 20 }, () => owner.read(body.id!)));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(200));
    const { text } = answers[0]!;
    for (const answer of answers) expect(answer.text === text).toBe(true);
    // Kept: asking again answers the very same bytes, written once.
    expect(await raceJson(owner.session, body.id!, true)).toBe(await raceJson(owner.session, body.id!, true));
    // The kept answer, the answer written anew, and what another instance writes from Redis are one text.
    expect(text === JSON.stringify(viewOf(localRun(body.id!)!))).toBe(true);
    expect(text === JSON.stringify(await storedView(owner.namespace, body.id!, true))).toBe(true);
    expect((await storedRaceJson(owner.namespace, body.id!, true, owner.namespace.id)).toString() === text).toBe(true);
    expect(JSON.parse(text)).toMatchObject({ id: body.id, status: 'done', summary: { clients: 10_000, served: 10_000 } });
    expect(JSON.parse(text).events.length).toBeGreaterThan(60_000);
    expect((await owner.read(body.id!, '?events=none')).text).toBe(JSON.stringify({ ...JSON.parse(text), events: [], keyEvents: [] }));
  });

  it(`writes at most ${BUILDS_PER_SESSION} answers at once for one session, and says so to the rest`, { timeout: 60_000 }, async () => {
    const owner = learner();
    const ids: string[] = [];
    // Each race has more events than one slice, so writing its answer waits for the event loop at least once.
    for (let seed = 1; seed <= BUILDS_PER_SESSION + 1; seed += 1) {
      const { status, body } = await owner.post({ clients: 1_000, strategy: 'none', backendLatencyMs: 0, seed });
      expect(status, body.error).toBe(201);
      expect(await owner.finished(body.id!)).toBe('done');
      ids.push(body.id!);
    }
    // `finished` read them without events, so none of these answers is written yet.
    const answers = await Promise.all(ids.map((id) => owner.read(id)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(BUILDS_PER_SESSION).fill(200), 429]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(JSON.parse(refused.text)).toEqual({
      error: `This session is already loading ${BUILDS_PER_SESSION} races at once. Wait for them to arrive, then ask again.`,
    });
    // Another session is not held up by this one's reads, and asking again is answered.
    const bystander = learner();
    const mine = await bystander.post({ clients: 10, backendLatencyMs: 0 });
    expect(mine.status, mine.body.error).toBe(201);
    expect(await bystander.finished(mine.body.id!)).toBe('done');
    expect((await bystander.read(mine.body.id!)).status).toBe(200);
    for (const id of ids) expect((await owner.read(id)).status).toBe(200);
  });

  it('answers a stranger who floods reads of someone else’s race with the 404 of a missing one', async () => {
    const owner = learner();
    const { body } = await owner.post({ clients: 50, strategy: 'none', backendLatencyMs: 0 });
    expect(await owner.finished(body.id!)).toBe('done');
    expect((await owner.read(body.id!)).status).toBe(200);
    const stranger = learner();
    const answers = await Promise.all(Array.from({ length: 10 }, () => stranger.read(body.id!)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(404));
    await expect(storedRaceJson(stranger.namespace, body.id!, true, stranger.namespace.id)).rejects.toMatchObject({ kind: 'not-found' });
  });
});
