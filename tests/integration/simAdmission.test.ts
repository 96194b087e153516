import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as readRace } from '@/app/api/sim/[id]/route';
import { GET as followRace } from '@/app/api/sim/[id]/events/route';
import { POST as injectFault } from '@/app/api/sim/[id]/faults/route';
import { DomainError, type FailureKind } from '@/lib/server/errors';
import { namespaceOf } from '@/lib/server/session/namespace';
import { issueSessionCookie, SESSION_COOKIE } from '@/lib/server/session/cookie';
import { sessionSecret } from '@/lib/server/session/secret';
import { admitClient, allowViewer, startRun, type SimRun } from '@/lib/server/sim/runs';
import { settingsSchema } from '@/lib/sim/settings';
import { setTimeout as sleep } from 'node:timers/promises';

/** A browser with its own session, as the server issues them. */
function participant() {
  const value = issueSessionCookie(sessionSecret());
  return { sessionId: value.split('.')[0]!, cookie: `${SESSION_COOKIE}=${value}` };
}
const room = () => namespaceOf(`room-${randomBytes(8).toString('hex')}`);
const get = (cookie: string, path: string) => new Request(`http://app${path}`, { headers: { cookie } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const read = async (cookie: string, id: string) => readRace(get(cookie, `/api/sim/${id}`), params(id));

/** What a refused call threw: the failure's kind and sentence. */
function refusal(attempt: () => unknown): { kind: FailureKind; message: string } {
  try {
    attempt();
  } catch (error) {
    if (error instanceof DomainError) return { kind: error.kind, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

interface ClassRace {
  viewers?: string[];
  clients?: number;
  backendLatencyMs?: number;
  strategy?: 'lock-poll' | 'lock-notify';
  admissionWindowMs?: number;
}
const classRace = ({ viewers = [], clients = 20, backendLatencyMs = 200, strategy = 'lock-poll', admissionWindowMs = 800 }: ClassRace = {}) =>
  startRun(room(), { ...settingsSchema.parse({ strategy, backendLatencyMs, lockTtlMs: 3_000 }), clients }, { admissionWindowMs, viewers });

describe('a class race: simulated clients plus one real client per participant', () => {
  it('serves admitted clients in their own labelled lanes and ends only after the window has closed', async () => {
    const run = await classRace();
    const [ada, grace] = [participant(), participant()];
    const first = admitClient(run.id, ada.sessionId, 'Ada');
    await sleep(100);
    const second = admitClient(run.id, grace.sessionId, '  Grace\nHopper ');
    expect([first.client, second.client]).toEqual([20, 21]);

    const [a, b] = await Promise.all([first.finished, second.finished]);
    expect([a.outcome, b.outcome]).toEqual(['fresh', 'fresh']);
    expect(a.latencyMs).toBeGreaterThan(0);

    await run.finished;
    expect(run.status).toBe('done');
    // The window is 800 ms; a timer may fire a hair early.
    expect(run.race.elapsed()).toBeGreaterThanOrEqual(790);
    const view = await (await read(ada.cookie, run.id)).json();
    expect(view.summary).toMatchObject({ clients: 22, served: 22, failures: 0, regenerations: 1 });
    expect(view.labels).toEqual({ 20: 'Ada', 21: 'Grace Hopper' });
    expect(view.events.filter((e: { c: number; type: string }) => e.c === 21 && e.type === 'request')).toHaveLength(1);
    // The duration runs to the last client served, not to the end of the window.
    const lastServed = Math.max(...view.events.filter((e: { type: string }) => e.type === 'served-fresh').map((e: { t: number }) => e.t));
    expect(view.summary.durationMs - lastServed).toBeLessThan(5);
  });

  it('admits each session once, and answers 409 once the window has closed or the race is over', async () => {
    // The backend outlasts the window, so the race is still running when the window closes.
    const run = await classRace({ backendLatencyMs: 1_500 });
    const ada = participant();
    admitClient(run.id, ada.sessionId, 'Ada');
    expect(refusal(() => admitClient(run.id, ada.sessionId, 'Ada again'))).toEqual({
      kind: 'conflict',
      message: 'You are already in this race, as client #20.',
    });
    expect(refusal(() => admitClient(run.id, participant().sessionId, '\u200b '))).toMatchObject({ kind: 'refused' });

    await sleep(850);
    expect(refusal(() => admitClient(run.id, participant().sessionId, 'Late'))).toEqual({
      kind: 'conflict',
      message: 'This race stopped letting clients in 0.8 s after it began.',
    });
    await run.finished;
    expect(refusal(() => admitClient(run.id, participant().sessionId, 'Later'))).toEqual({
      kind: 'conflict',
      message: 'This race has finished; wait for the next one.',
    });
    expect(refusal(() => admitClient('no-such-race', participant().sessionId, 'Ada'))).toMatchObject({ kind: 'not-found' });
  });

  it('a learner race admits nobody', async () => {
    const run = await startRun(room(), settingsSchema.parse({ clients: 3, backendLatencyMs: 10 }));
    expect(refusal(() => admitClient(run.id, participant().sessionId, 'Ada'))).toEqual({
      kind: 'conflict',
      message: 'This race takes no clients from outside; only a class race does.',
    });
    await run.finished;
  });

  it('a race of admitted clients only, waiting for the release notice like simulated ones', async () => {
    // A long window: the late client must still get in after the value was written, even on a busy machine.
    const run = await classRace({ clients: 0, strategy: 'lock-notify', admissionWindowMs: 3_000 });
    const [first, second] = [admitClient(run.id, participant().sessionId, 'Ada'), admitClient(run.id, participant().sessionId, 'Grace')];
    expect([(await first.finished).outcome, (await second.finished).outcome]).toEqual(['fresh', 'fresh']);
    const late = admitClient(run.id, participant().sessionId, 'Late');
    expect((await late.finished).outcome).toBe('fresh');
    await run.finished;
    expect(run.race.summary()).toMatchObject({ clients: 3, served: 3, regenerations: 1 });
    expect(
      run.race.recorder
        .read()
        .filter((e) => e.c === 2)
        .map((e) => e.type),
    ).toEqual(['request', 'hit', 'served-fresh']);
  });
});

describe('who may read a race', () => {
  async function eventsOf(cookie: string, run: SimRun): Promise<string> {
    const response = await followRace(get(cookie, `/api/sim/${run.id}/events`), params(run.id));
    expect(response.status).toBe(200);
    return response.text();
  }

  it('viewers read the run and its events; others get the 404 of a missing run, and no viewer may inject a fault', async () => {
    const [viewer, late, admitted, stranger] = [participant(), participant(), participant(), participant()];
    const run = await classRace({ viewers: [viewer.sessionId] });
    admitClient(run.id, admitted.sessionId, '<b>Ada</b>');

    expect((await read(stranger.cookie, run.id)).status).toBe(404);
    expect(await (await read(stranger.cookie, run.id)).json()).toEqual(await (await read(stranger.cookie, 'no-such-race')).json());
    expect((await followRace(get(stranger.cookie, `/api/sim/${run.id}/events`), params(run.id))).status).toBe(404);
    expect((await read(late.cookie, run.id)).status).toBe(404);
    allowViewer(run.id, late.sessionId);

    for (const reader of [viewer, late, admitted]) expect((await read(reader.cookie, run.id)).status).toBe(200);
    const fault = new Request(`http://app/api/sim/${run.id}/faults`, { method: 'POST', headers: { cookie: viewer.cookie }, body: '{"kind":"delete-key"}' });
    expect((await injectFault(fault, params(run.id))).status).toBe(404);

    const stream = await eventsOf(viewer.cookie, run);
    expect(stream).toContain('"labels":{"20":"<b>Ada</b>"}');
    expect(stream).toMatch(/event: done\ndata: \{"status":"done"/);
    expect(() => allowViewer('no-such-race', late.sessionId)).toThrow(DomainError);
  });
});
