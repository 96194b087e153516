import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { startEmbeddedRedis, type EmbeddedRedis } from '../lib/server/embedded/redisServer';
import { startAppServer, type AppServer } from './support/appServer';

/**
 * POST /api/commands is answered by the app's own server without Next's router (scripts/server.ts).
 * These are the edges that path handles itself: how the request is read and the answer written.
 */
test.describe('POST /api/commands on the app server', () => {
  test("is answered without Next's router from the very first request", async ({ request }) => {
    const response = await request.post('/api/commands', { data: { script: 'PING' } });
    expect(response.status()).toBe(200);
    // Next's own answers vary on its router headers (rsc, next-router-state-tree, …).
    expect(response.headers()['vary']).toBe('Accept-Encoding');
  });

  test('gives a first-time client its session cookie, and the next call lands in that session', async ({ request }) => {
    const first = await request.post('/api/commands', { data: { script: 'SET visit 1' } });
    expect(first.headers()['set-cookie']).toMatch(/^stampede_session=[\w-]{22}\.[\w-]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
    const second = await request.post('/api/commands', { data: { script: 'GET visit' } });
    expect(second.headers()['set-cookie']).toBeUndefined();
    expect((await second.json()).results[0].text).toBe('"1"');
  });

  test('marks the cookie Secure when a proxy says the client came over https', async ({ request }) => {
    const response = await request.post('/api/commands', { data: { script: 'PING' }, headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers()['set-cookie']).toMatch(/; Secure$/);
  });

  test('answers 413 for a body over 64 KiB sent without a length, and keeps serving', async ({ baseURL, request }) => {
    const url = new URL('/api/commands', baseURL);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write('{"script": "SET big ');
      for (let i = 0; i < 70; i += 1) req.write('x'.repeat(1024));
      req.end('"}');
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error).toMatch(/larger than 64 KiB/);
    expect((await request.post('/api/commands', { data: { script: 'PING' } })).status()).toBe(200);
  });

  test('answers 400 with a sentence for an empty body', async ({ request }) => {
    const response = await request.post('/api/commands', { headers: { 'content-type': 'application/json' } });
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatch(/not valid JSON/);
  });

  test('compresses a large answer for a client that takes gzip', async ({ request }) => {
    const response = await request.post('/api/commands', { data: { script: 'PING\n'.repeat(200) }, headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers()['content-encoding']).toBe('gzip');
    expect(response.headers()['server-timing']).toMatch(/^script;dur=[\d.]+$/);
    expect((await response.json()).results).toHaveLength(200);
  });

  test('checks the open lesson against the commands of the same run', async ({ request }) => {
    // Step 2 is decided from the command log, which this very run writes.
    const response = await request.post('/api/commands', {
      data: { script: 'SET cache:data "initial value"\nSET cache:lock "locked"', lesson: 'stampede-lock' },
    });
    expect((await response.json()).lesson).toMatchObject({ slug: 'stampede-lock', completed: 2, total: 4 });
  });
});

test.describe('POST /api/commands on an app server with a small command budget', () => {
  let redis: EmbeddedRedis;
  let app: AppServer;

  test.beforeAll(async () => {
    redis = await startEmbeddedRedis();
    app = await startAppServer(redis.url, { COMMANDS_PER_10S: '5' });
  });

  test.afterAll(async () => {
    await app?.stop();
    await redis?.stop();
  });

  test('answers 429 with a sentence once the session has spent it', async ({ request }) => {
    expect((await request.post(`${app.url}/api/commands`, { data: { script: 'SET a 1\nSET b 2\nSET c 3' } })).status()).toBe(200);
    const refused = await request.post(`${app.url}/api/commands`, { data: { script: 'SET d 4\nSET e 5\nSET f 6' } });
    expect(refused.status()).toBe(429);
    expect((await refused.json()).error).toMatch(/more than 5 commands in 10 seconds/);
  });
});
