import { describe, expect, it } from 'vitest';
import { GET as eventsRoute } from '@/app/api/events/route';
import { GET as keysRoute } from '@/app/api/keys/route';
import { keyEventHub } from '@/lib/server/events';
import { keyEventStream } from '@/lib/server/events/stream';
import { appRedis } from '@/lib/server/redis/client';
import { openStreamCount } from '@/lib/server/http/sse';
import { issueSessionCookie, SESSION_COOKIE, verifySessionCookie } from '@/lib/server/session/cookie';
import { namespaceOf } from '@/lib/server/session/namespace';
import { sessionSecret } from '@/lib/server/session/secret';
import { eventRecorder } from '../support/events';
import { newLearner } from '../support/learner';
import { setTimeout as sleep } from 'node:timers/promises';

describe('key events', () => {
  it('reach the session that owns the key, and no other', async () => {
    const alice = newLearner();
    const bob = newLearner();
    const forAlice = eventRecorder();
    const forBob = eventRecorder();
    const stopAlice = await keyEventHub().subscribe(alice.session.namespace.id, alice.session.namespace.prefix, forAlice.listener);
    const stopBob = await keyEventHub().subscribe(bob.session.namespace.id, bob.session.namespace.prefix, forBob.listener);

    await alice.run('SET cache:lock owner-1 PX 60000');
    const event = await forAlice.waitFor((e) => e.key === 'cache:lock' && e.event === 'set');
    expect(event.view).toMatchObject({ key: 'cache:lock', type: 'string', preview: '"owner-1"', length: 7 });
    expect(event.view!.expiresAt! - event.at).toBeGreaterThan(59_000);

    await bob.run('SET only:bob 1');
    await forBob.waitFor((e) => e.key === 'only:bob');
    expect(forBob.seen.some((e) => e.key === 'cache:lock')).toBe(false);
    expect(forAlice.seen.some((e) => e.key === 'only:bob')).toBe(false);
    stopAlice();
    stopBob();
  });

  it('report a TTL running out as "expired", with no command from anyone', async () => {
    const learner = newLearner();
    const recorder = eventRecorder();
    const stop = await keyEventHub().subscribe(learner.session.namespace.id, learner.session.namespace.prefix, recorder.listener);
    await learner.run('SET cache:lock locked NX PX 100');
    const expired = await recorder.waitFor((e) => e.event === 'expired');
    expect(expired).toMatchObject({ key: 'cache:lock', view: null });
    stop();
  });

  it('describe lists, hashes and renames', async () => {
    const learner = newLearner();
    const recorder = eventRecorder();
    const stop = await keyEventHub().subscribe(learner.session.namespace.id, learner.session.namespace.prefix, recorder.listener);
    await learner.run('RPUSH queue a b c d e f\nHSET user name "Ada"\nRENAME queue jobs');
    expect((await recorder.waitFor((e) => e.key === 'user')).view).toMatchObject({ type: 'hash', preview: '1 member: "name": "Ada"' });
    expect((await recorder.waitFor((e) => e.event === 'rename_from')).key).toBe('queue');
    expect((await recorder.waitFor((e) => e.event === 'rename_to')).view).toMatchObject({
      key: 'jobs',
      type: 'list',
      length: 6,
      preview: '6 members: "a", "b", "c", "d", "e", …',
    });
    stop();
  });
});

function requestFor(cookie: string, signal?: AbortSignal) {
  return new Request('http://localhost/api/events', { headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, signal });
}

/** A fresh session's keys panel: its stream, read on demand into `text`. */
async function openPanel() {
  const cookie = issueSessionCookie(sessionSecret());
  const tab = new AbortController();
  const reader = (await eventsRoute(requestFor(cookie, tab.signal))).body!.getReader();
  const panel = {
    learner: newLearner(verifySessionCookie(cookie, sessionSecret())!),
    text: '',
    snapshots: () => panel.text.split('event: snapshot').length - 1,
    async readUntil(done: () => boolean) {
      while (!done()) panel.text += new TextDecoder().decode((await reader.read()).value);
    },
    close: () => tab.abort(),
  };
  return panel;
}

describe('GET /api/events and GET /api/keys', () => {
  it('stream a snapshot and then live changes, and leave nothing behind when the tab closes', async () => {
    const cookie = issueSessionCookie(sessionSecret());
    const id = verifySessionCookie(cookie, sessionSecret())!;
    const learner = { run: (s: string) => newLearner(id).run(s) };
    await learner.run('SET cache:data "initial value"');
    const listenersBefore = keyEventHub().listenerCount();

    const tab = new AbortController();
    const response = await eventsRoute(requestFor(cookie, tab.signal));
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    const reader = response.body!.getReader();
    let text = '';
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) text += new TextDecoder().decode((await reader.read()).value);
    };
    await readUntil('event: snapshot');
    await readUntil('\n\n');
    expect(text).toContain('"key":"cache:data"');
    expect(keyEventHub().listenerCount()).toBe(listenersBefore + 1);

    await learner.run('DEL cache:data');
    await readUntil('"event":"del"');

    tab.abort();
    await sleep(20);
    expect(keyEventHub().listenerCount()).toBe(listenersBefore);
    expect(openStreamCount()).toBe(0);
  });

  it('send a browser that stopped reading a fresh snapshot once it falls too far behind, instead of holding its backlog', async () => {
    const panel = await openPanel();
    await panel.readUntil(() => panel.snapshots() === 1);
    // One write at a time, so the hub hands over 3,000 batches of one event: past the 512 KB (some 1,600 of them) a stream may fall behind by.
    for (let i = 0; i < 3_000; i += 1) await appRedis().set(`${panel.learner.session.namespace.prefix}counter`, i);
    await panel.readUntil(() => panel.snapshots() === 2);
    await panel.readUntil(() => panel.text.endsWith('\n\n') && panel.text.includes('"preview":"\\"2999\\""'));
    expect(panel.text.split('event: keys').length - 1).toBeLessThan(1_500);
    panel.close();
  });

  it('send a fresh snapshot, not a batch, when one script changed more keys than the hub describes at once', async () => {
    const panel = await openPanel();
    await panel.readUntil(() => panel.snapshots() === 1);
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`);
    await panel.learner.run(`EVAL "for i, key in ipairs(KEYS) do redis.call('SET', key, i) end return #KEYS" ${keys.length} ${keys.join(' ')}`);
    await panel.readUntil(() => panel.snapshots() === 2 && panel.text.endsWith('\n\n'));
    const fresh = panel.text.slice(panel.text.lastIndexOf('event: snapshot'));
    expect(fresh).toContain('"key":"k0"');
    expect(fresh).toContain('"key":"k299"');
    panel.close();
  });

  it('hold a backlog by its bytes: a browser that stopped reading gets a fresh snapshot instead of batches of megabyte names', async () => {
    await keyEventHub().mode();
    const learner = newLearner();
    const tab = new AbortController();
    const stream = keyEventStream(learner.session)(tab.signal)[Symbol.asyncIterator]();
    expect((await stream.next()).value?.event).toBe('snapshot');
    // A script may name keys the command line could not (1,024 bytes at most): each change carries a 1 MB name.
    for (let i = 0; i < 3; i += 1) await learner.run(`EVAL "redis.call('INCR', KEYS[1] .. string.rep('x', 1000000)) return 1" 1 k`);
    await keyEventHub().caughtUp();
    expect((await stream.next()).value?.event).toBe('snapshot');
    tab.abort();
    await stream.return?.(undefined);
  });

  it('answer a snapshot as JSON, sorted by name, without the namespace', async () => {
    const cookie = issueSessionCookie(sessionSecret());
    const id = verifySessionCookie(cookie, sessionSecret())!;
    await newLearner(id).run('SET b 1\nSET a 2 PX 50000\nSADD s x');
    const body = await (await keysRoute(requestFor(cookie))).json();
    expect(body.keys.map((k: { key: string }) => k.key)).toEqual(['a', 'b', 's']);
    expect(body.keys[0].expiresAt - body.now).toBeGreaterThan(49_000);
    expect(body.keys[1].expiresAt).toBeNull();
    expect(body.mode).toBe('push');
    expect(JSON.stringify(body)).not.toContain(namespaceOf(id).id);
  });

  it('give a forged cookie a fresh, empty session instead of the one it names', async () => {
    const victim = 'AAAAAAAAAAAAAAAAAAAAAA';
    await newLearner(victim).run('SET secret victim-only');
    const response = await keysRoute(requestFor(`${victim}.forged`));
    expect(response.status).toBe(200);
    expect(response.headers.get('set-cookie')).toMatch(
      /^stampede_session=(?!AAAAAAAAAAAAAAAAAAAAAA)[\w-]{22}\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/,
    );
    expect((await response.json()).keys).toEqual([]);
  });
});
