import { describe, expect, it } from 'vitest';
import { POST as startRace } from '@/app/api/sim/route';
import { GET as readRace } from '@/app/api/sim/[id]/route';
import { GET as followRace } from '@/app/api/sim/[id]/events/route';
import { POST as injectFault } from '@/app/api/sim/[id]/faults/route';
import { openStreamCount } from '@/lib/server/http/sse';
import { issueSessionCookie, SESSION_COOKIE } from '@/lib/server/session/cookie';
import { sessionSecret } from '@/lib/server/session/secret';
import { setTimeout as sleep } from 'node:timers/promises';
import { sseReader } from '../support/sseReader';

const learner = () => `${SESSION_COOKIE}=${issueSessionCookie(sessionSecret())}`;
const post = (cookie: string, body: unknown, path = '/api/sim') =>
  new Request(`http://app${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const get = (cookie: string, path: string) => new Request(`http://app${path}`, { headers: { cookie } });
const params = (id: string) => ({ params: Promise.resolve({ id }) });

async function finished(cookie: string, id: string) {
  for (;;) {
    const view = await (await readRace(get(cookie, `/api/sim/${id}`), params(id))).json();
    if (view.status !== 'running') return view;
    await sleep(20);
  }
}

describe('the race API', () => {
  it('starts a race and answers its status, settings, summary and events', async () => {
    const cookie = learner();
    const started = await startRace(post(cookie, { clients: 30, strategy: 'lock-poll', backendLatencyMs: 50, cacheTtlMs: 5000, lockTtlMs: 1000, seed: 4 }));
    expect(started.status).toBe(201);
    const { id } = await started.json();
    const view = await finished(cookie, id);
    expect(view).toMatchObject({ status: 'done', settings: { clients: 30, strategy: 'lock-poll', seed: 4 }, summary: { regenerations: 1, served: 30 } });
    expect(Object.keys(view.summary.latencyMs)).toEqual(['p50', 'p95', 'p99', 'max']);
    expect(view.events[0]).toEqual({ t: expect.any(Number), c: expect.any(Number), type: 'request' });
    const light = await (await readRace(get(cookie, `/api/sim/${id}?events=none`), params(id))).json();
    expect(light).toMatchObject({ status: 'done', summary: { regenerations: 1 }, events: [] });
  });

  it('streams the events of a run as server-sent events, ending with done', async () => {
    const cookie = learner();
    const { id } = await (await startRace(post(cookie, { clients: 20, strategy: 'none', backendLatencyMs: 20 }))).json();
    const response = await followRace(get(cookie, `/api/sim/${id}/events`), params(id));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const text = await response.text();
    expect(text).toMatch(/event: events\n/);
    expect(text).toMatch(/event: done\ndata: \{"status":"done"/);
  });

  it('ends the stream of a running race when the browser leaves', async () => {
    const cookie = learner();
    const { id } = await (await startRace(post(cookie, { clients: 20, strategy: 'none', backendLatencyMs: 2_000 }))).json();
    const openBefore = openStreamCount();
    const tab = new AbortController();
    const stream = sseReader(await followRace(new Request(`http://app/api/sim/${id}/events`, { headers: { cookie }, signal: tab.signal }), params(id)));
    await stream.waitFor((m) => m.event === 'events');
    expect(openStreamCount()).toBe(openBefore + 1);
    tab.abort();
    await stream.finished;
    expect(openStreamCount()).toBe(openBefore);
    expect(stream.messages.some((m) => m.event === 'done')).toBe(false);
    await finished(cookie, id);
  });

  it('hides a run from every other session', async () => {
    const owner = learner();
    const { id } = await (await startRace(post(owner, { clients: 5, backendLatencyMs: 10 }))).json();
    const stranger = learner();
    expect((await readRace(get(stranger, `/api/sim/${id}`), params(id))).status).toBe(404);
    expect((await followRace(get(stranger, `/api/sim/${id}/events`), params(id))).status).toBe(404);
    expect((await injectFault(post(stranger, { kind: 'delete-key' }), params(id))).status).toBe(404);
    await finished(owner, id);
  });

  it('allows one running race per session, with a 429 and a sentence', async () => {
    const cookie = learner();
    const { id } = await (await startRace(post(cookie, { clients: 10, backendLatencyMs: 300 }))).json();
    const second = await startRace(post(cookie, { clients: 10 }));
    expect(second.status).toBe(429);
    expect((await second.json()).error).toMatch(/already running/);
    await finished(cookie, id);
    expect((await startRace(post(cookie, { clients: 1, backendLatencyMs: 1 }))).status).toBe(201);
  });

  it('applies a fault to a running race and refuses one on a finished race', async () => {
    const cookie = learner();
    const { id } = await (await startRace(post(cookie, { clients: 20, strategy: 'lock-poll', backendLatencyMs: 300 }))).json();
    const applied = await injectFault(post(cookie, { kind: 'crash-holder' }), params(id));
    expect(applied.status).toBe(202);
    const view = await finished(cookie, id);
    expect(view.events.some((e: { type: string }) => e.type === 'fault')).toBe(true);
    expect((await injectFault(post(cookie, { kind: 'delete-key' }), params(id))).status).toBe(409);
  });

  it('allows 20 races per session per minute, then answers 429 with how long to wait', async () => {
    const cookie = learner();
    for (let i = 0; i < 20; i += 1) {
      const started = await startRace(post(cookie, { clients: 1, backendLatencyMs: 0, strategy: 'none' }));
      expect(started.status).toBe(201);
      await finished(cookie, (await started.json()).id);
    }
    const refused = await startRace(post(cookie, { clients: 1, backendLatencyMs: 0, strategy: 'none' }));
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(/^You have started 20 races in the last minute, the most one session may\. Wait \d+ s, then run again\.$/);
    const other = learner();
    const elsewhere = await startRace(post(other, { clients: 1, backendLatencyMs: 0 }));
    expect(elsewhere.status).toBe(201);
    await finished(other, (await elsewhere.json()).id);
  });

  const invalid: [string, unknown, number, RegExp][] = [
    ['too many clients', { clients: 10_001 }, 422, /at most 10,000/],
    ['an unknown strategy', { strategy: 'magic' }, 422, /"strategy" must be one of none, lock-poll/],
    ['a negative latency', { backendLatencyMs: -1 }, 422, /"backendLatencyMs" must be at least 0/],
    ['a backend without capacity', { backendCapacity: 0 }, 422, /"backendCapacity" must be at least 1\./],
    ['a backend timeout too short', { backendTimeoutMs: 50 }, 422, /"backendTimeoutMs" must be at least 100\./],
    ['a watchdog that is not true or false', { watchdog: 'yes' }, 422, /"watchdog" must be true or false\./],
    ['a body that is not an object', [1, 2], 422, /JSON object/],
    ['a body that is not JSON', 'clients=5', 400, /not valid JSON/],
  ];
  for (const [what, body, status, message] of invalid) {
    it(`answers ${status} for ${what}`, async () => {
      const response = await startRace(post(learner(), body));
      expect(response.status).toBe(status);
      expect((await response.json()).error).toMatch(message);
    });
  }

  it('answers 422 for an unknown fault, and 404 for a race of another session', async () => {
    const cookie = learner();
    const { id } = await (await startRace(post(cookie, { clients: 5, backendLatencyMs: 100 }))).json();
    expect((await injectFault(post(cookie, { kind: 'meteor' }), params(id))).status).toBe(422);
    expect((await injectFault(post(learner(), { kind: 'delete-key' }), params(id))).status).toBe(404);
    await finished(cookie, id);
  });
});
