import { expect, test } from '@playwright/test';

test.describe('POST /api/commands', () => {
  test('answers each line with redis-cli text, its reply and its time', async ({ request }) => {
    const response = await request.post('/api/commands', { data: { script: 'SET k "a b"\n# note\nGET k\nHSET h f v\nHGETALL h\nGET none' } });
    expect(response.status()).toBe(200);
    const { results } = await response.json();
    expect(
      results.map((r: { line: number; command: string; ok: boolean; reply: unknown; text: string }) => [r.line, r.command, r.ok, r.reply, r.text]),
    ).toEqual([
      [1, 'SET k "a b"', true, 'OK', 'OK'],
      [3, 'GET k', true, 'a b', '"a b"'],
      [4, 'HSET h f v', true, 1, '(integer) 1'],
      [5, 'HGETALL h', true, ['f', 'v'], '1) "f"\n2) "v"'],
      [6, 'GET none', true, null, '(nil)'],
    ]);
    for (const result of results) expect(typeof result.ms).toBe('number');
  });

  for (const [what, path] of [
    ['opening a page', '/'],
    ['calling the API first', '/api/keys'],
  ] as const) {
    test(`issues an HttpOnly, SameSite=Lax session cookie on ${what}`, async ({ request }) => {
      const response = await request.get(path);
      const cookie = response.headers()['set-cookie'] ?? '';
      expect(cookie).toMatch(/^stampede_session=[\w-]{22}\.[\w-]+;/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=lax/i);
    });
  }

  test('never accepts a session id the client made up', async ({ playwright, baseURL }) => {
    const forged = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { cookie: 'stampede_session=AAAAAAAAAAAAAAAAAAAAAA.forged' },
    });
    const response = await forged.post('/api/commands', { data: { script: 'PING' } });
    expect(response.status()).toBe(200);
    expect(response.headers()['set-cookie']).toMatch(/^stampede_session=(?!AAAAAAAAAAAAAAAAAAAAAA\.)/);
    await forged.dispose();
  });

  const badRequests: [string, () => { data?: unknown; headers?: Record<string, string> }, number, RegExp][] = [
    ['a body that is not JSON', () => ({ data: 'SET a 1', headers: { 'content-type': 'text/plain' } }), 400, /not valid JSON/],
    ['a missing script', () => ({ data: { commands: 'PING' } }), 422, /"script"/],
    ['a script that is not a string', () => ({ data: { script: 42 } }), 422, /"script"/],
    ['more than 1,000 lines', () => ({ data: { script: 'PING\n'.repeat(1001) } }), 422, /at most 1,000 lines/],
    ['a body over 64 KiB', () => ({ data: { script: `SET big "${'x'.repeat(70 * 1024)}"` } }), 413, /larger than 64 KiB/],
  ];
  for (const [what, body, status, message] of badRequests) {
    test(`answers ${status} with a sentence for ${what}`, async ({ request }) => {
      const response = await request.post('/api/commands', body());
      expect(response.status()).toBe(status);
      expect((await response.json()).error).toMatch(message);
    });
  }

  test('runs a 1,000-line script in order', async ({ request }) => {
    const script = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? `SET n:${i} ${i}` : `GET n:${i - 1}`)).join('\n');
    const { results } = await (await request.post('/api/commands', { data: { script } })).json();
    expect(results).toHaveLength(1000);
    expect(results[999].text).toBe('"998"');
  });
});

test('GET /api/health reports Redis and its version', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ redis: 'up', version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
});

test('GET /api/meta/commands describes the commands from the live server', async ({ request }) => {
  const { commands } = await (await request.get('/api/meta/commands')).json();
  const set = commands.find((c: { name: string }) => c.name === 'SET');
  expect(set).toMatchObject({ allowed: true, group: 'string', tokens: expect.arrayContaining(['NX', 'PX', 'EX']) });
  expect(set.syntax).toMatch(/^SET key value \[NX \| XX\]/);
  expect(commands.find((c: { name: string }) => c.name === 'FLUSHALL').allowed).toBe(false);
});
