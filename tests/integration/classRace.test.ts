import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '@/lib/workshop/types';
import { roomBrowser } from '../support/roomBrowser';
import { setTimeout as sleep } from 'node:timers/promises';

async function roomWith(names: string[]) {
  const teacher = roomBrowser();
  const { code } = (await (await teacher.create()).json()) as { code: string };
  const participants = [];
  for (const name of names) {
    const browser = roomBrowser();
    expect((await browser.join(code, name)).status).toBe(200);
    participants.push(browser);
  }
  return { teacher, code, participants };
}

async function finished(browser: ReturnType<typeof roomBrowser>, raceId: string) {
  for (;;) {
    const view = await (await browser.race(raceId)).json();
    if (view.status !== 'running') return view;
    await sleep(100);
  }
}

describe('the class race', () => {
  it("runs every participant's browser as one client beside the simulated ones, with their names on the lanes", async () => {
    const { teacher, code, participants } = await roomWith(['Ada', 'Grace']);
    const stream = await participants[0]!.events(code);
    await stream.waitFor((m) => m.event === 'hello');
    const started = await teacher.startRace(code, { strategy: 'lock-poll', simulatedClients: 5, backendLatencyMs: 200 });
    expect(started.status).toBe(201);
    const { raceId } = (await started.json()) as { raceId: string };
    const announced = (await stream.waitFor((m) => m.event === 'room')).data as RoomEvent;
    expect(announced).toEqual({ type: 'race', raceId, admissionMs: expect.any(Number) });

    // A room stream that opens while the race still admits hears of it all the same.
    const late = await participants[1]!.events(code);
    const replayed = (await late.waitFor((m) => m.event === 'room')).data as RoomEvent;
    expect(replayed).toMatchObject({ type: 'race', raceId });
    late.close();

    const entries = await Promise.all(participants.map(async (p) => (await p.joinRace(code, raceId)).json()));
    expect(entries.map((e) => e.client).sort()).toEqual([5, 6]);
    expect(await (await participants[0]!.joinRace(code, raceId)).json()).toEqual({ client: entries[0].client });

    const view = await finished(teacher, raceId);
    expect(view.status).toBe('done');
    expect(view.summary).toMatchObject({ clients: 7, served: 7, regenerations: 1 });
    expect(Object.values(view.labels).sort()).toEqual(['Ada', 'Grace']);
    expect((await participants[1]!.race(raceId)).status).toBe(200);
    stream.close();
  });

  it('takes in a participant whose page is still loading, and one whose page opens after the announcement, when the announcement reaches their stream', async () => {
    const { teacher, code, participants } = await roomWith(['Busy', 'Late']);
    const busy = await participants[0]!.events(code);
    await busy.waitFor((m) => m.event === 'hello');
    const started = await teacher.startRace(code, { strategy: 'lock-poll', simulatedClients: 2, backendLatencyMs: 200 });
    const { raceId } = (await started.json()) as { raceId: string };
    await busy.waitFor((m) => m.event === 'room');
    // This page opens its room stream only after the race was announced.
    const late = await participants[1]!.events(code);
    await late.waitFor((m) => m.event === 'room');
    // Neither browser asks to step in (their main threads are busy parsing the editor): the server did it for them.
    const view = await finished(teacher, raceId);
    expect(view.summary).toMatchObject({ clients: 4, served: 4 });
    expect(Object.values(view.labels).sort()).toEqual(['Busy', 'Late']);
    busy.close();
    late.close();
  });

  it('keeps the race to the room: only its teacher starts one, outsiders can neither join nor read it', async () => {
    const { teacher, code, participants } = await roomWith(['Ada']);
    const refused = await participants[0]!.startRace(code, {});
    expect(refused.status).toBe(403);
    expect((await teacher.startRace(code, { simulatedClients: 5000 })).status).toBe(422);
    const { raceId } = (await (await teacher.startRace(code, { simulatedClients: 3, backendLatencyMs: 100 })).json()) as { raceId: string };
    const outsider = roomBrowser();
    expect((await outsider.joinRace(code, raceId)).status).toBe(403);
    expect((await outsider.race(raceId)).status).toBe(404);
    expect((await participants[0]!.joinRace(code, 'not-this-race')).status).toBe(404);
    await finished(teacher, raceId);
  });

  it('serves every client of a slow backend the teacher chose, whatever the default backend timeout', async () => {
    const { teacher, code } = await roomWith([]);
    const started = await teacher.startRace(code, { strategy: 'lock-poll', simulatedClients: 3, backendLatencyMs: 6_000 });
    const { raceId } = (await started.json()) as { raceId: string };
    const view = await finished(teacher, raceId);
    expect(view.settings.backendTimeoutMs).toBeGreaterThan(6_000);
    expect(view.summary).toMatchObject({ clients: 3, served: 3, failures: 0 });
  }, 30_000);
});
