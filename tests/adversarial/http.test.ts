import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getKeys } from '@/app/api/keys/route';
import { SESSION_COOKIE } from '@/lib/server/session/cookie';
import { Client, expectNoLeak, seedVictim, type Answer, type Victim } from './sessions';

const KIB = 1024;
const body = (script: string, extra: object = {}) => JSON.stringify({ script, ...extra });

/** A body streamed in chunks with no content-length, so only counting the bytes can stop it. */
function streamed(bytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      controller.enqueue(new TextEncoder().encode(sent === 0 ? '{"script": "SET big ' : 'x'.repeat(8 * KIB)));
      sent += 8 * KIB;
    },
  });
}

/** Requests no learner's editor would send; each must be turned away with a 4xx and a sentence, and nothing run. */
const OVERSIZED: [title: string, send: (c: Client, v: Victim) => Promise<Answer>, status: number, message: RegExp][] = [
  ['a body over 64 KiB', (c, v) => c.send(body(`SET ${v.prefix}secret "${'x'.repeat(70 * KIB)}"`)), 413, /larger than 64 KiB/],
  ['a body over 64 KiB sent without a length', (c) => c.send(streamed(200 * KIB)), 413, /larger than 64 KiB/],
  ['a script of 1,001 lines', (c, v) => c.send(body(`DEL ${v.prefix}secret\n`.repeat(1_001))), 422, /at most 1,000 lines/],
  ['a script that is not a string', (c) => c.send(JSON.stringify({ script: ['FLUSHALL'] })), 422, /"script"/],
  ['a lesson that is an object', (c) => c.send(JSON.stringify({ script: 'PING', lesson: { $ne: '' } })), 422, /lesson's slug/],
  ['a lesson that is a path', (c) => c.send(body('PING', { lesson: '../../etc/passwd' })), 422, /no lesson called/],
  ['a body that is not JSON', (c) => c.send('FLUSHALL', { 'content-type': 'text/plain' }), 400, /not valid JSON/],
];

const sign = (id: string, secret: string) => `${id}.${createHmac('sha256', secret).update(id).digest('base64url')}`;

/** Cookies the server never issued; each must be replaced by a fresh session that sees nothing of the victim. */
const FORGED: [title: string, cookie: (v: Victim) => string][] = [
  ['an id the client made up', () => 'AAAAAAAAAAAAAAAAAAAAAA.forged'],
  ["the victim's id with a made-up signature", (v) => `${v.client.sessionId}.${'A'.repeat(43)}`],
  ["the victim's id signed with another secret", (v) => sign(v.client.sessionId, 'guessed-secret')],
  ["the victim's cookie with its signature altered", (v) => v.client.cookie!.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))],
  ["the victim's id with no signature", (v) => v.client.sessionId],
  ['8 KiB of noise', () => 'x.'.repeat(4 * KIB)],
];

describe('hostile requests', () => {
  let victim: Victim;
  beforeAll(async () => {
    victim = await seedVictim();
  });

  for (const [title, send, status, message] of OVERSIZED) {
    it(`answers ${status} to ${title}, and runs nothing`, async () => {
      const attacker = new Client();
      const answer = await send(attacker, victim);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toMatch(message);
      expect(await attacker.texts('KEYS *')).toEqual(['(empty array)']);
      await victim.expectUnchanged();
    });
  }

  for (const [title, cookie] of FORGED) {
    it(`replaces ${title} with a fresh session`, async () => {
      const presented = cookie(victim);
      const attacker = new Client(presented);
      const answer = await attacker.send(body(`GET secret\nSET secret pwned\nKEYS *`));
      expect(answer.status).toBe(200);
      expect(answer.issued).toBeDefined();
      expect(answer.issued).not.toBe(presented);
      expect(attacker.sessionId).not.toBe(victim.client.sessionId);
      expect(answer.body.results!.map((r) => r.text)).toEqual(['(nil)', 'OK', '1) "secret"']);
      await victim.expectUnchanged();
    });
  }

  it('takes the first of two session cookies, so a second one cannot smuggle in the victim', async () => {
    const attacker = new Client();
    await attacker.run('PING');
    const answer = await attacker.send(body('GET secret'), { cookie: `${SESSION_COOKIE}=${attacker.cookie}; ${SESSION_COOKIE}=${victim.client.cookie}` });
    expect(answer.body.results!.map((r) => r.text)).toEqual(['(nil)']);
    await victim.expectUnchanged();
  });
});

describe('markup as data', () => {
  const name = '<img src=x onerror=alert(1)>';
  const value = '<script>alert(document.cookie)</script>';

  it('comes back as the same characters in text, reply and KEYS, and in the keys list', async () => {
    const learner = new Client();
    const results = await learner.run(`SET "${name}" "${value}"\nGET "${name}"\nKEYS *\nHSET h "${name}" "${value}"\nHGETALL h`);
    expect(results.map((r) => r.text)).toEqual(['OK', `"${value}"`, `1) "${name}"`, '(integer) 1', `1) "${name}"\n2) "${value}"`]);
    expect(results.map((r) => r.reply)).toEqual(['OK', value, [name], 1, [name, value]]);

    const response = await getKeys(new Request('http://localhost/api/keys', { headers: { cookie: `${SESSION_COOKIE}=${learner.cookie}` } }));
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const { keys } = (await response.json()) as { keys: { key: string; preview: string }[] };
    expect(keys.map((k) => [k.key, k.preview])).toContainEqual([name, `"${value}"`]);
    expectNoLeak(results);
  });
});
