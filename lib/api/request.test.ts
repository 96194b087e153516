import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_DOWN, request, requestOrThrow, TOO_SLOW, UNREACHABLE, UNREADABLE, withFields } from './request';

// A real HTTP server on loopback, answering as the app, a proxy or a stuck server would.
let server: Server;
let base = '';
const answers: Record<string, [status: number, body: string, type?: string]> = {
  '/ok': [200, '{"n":1}'],
  '/other-shape': [200, '{"m":1}'],
  '/refused': [422, '{"error":"The script is too long."}'],
  '/down': [503, ''],
  '/html': [500, '<html>Internal Server Error</html>', 'text/html'],
  '/blank': [400, '{"error":" "}'],
};

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return; // never answers
    if (req.url === '/echo') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, body })),
      );
      return;
    }
    const [status, body, type = 'application/json'] = answers[req.url ?? ''] ?? [404, '{"error":"No such thing."}'];
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const readN = (body: unknown) => (typeof (body as { n?: unknown })?.n === 'number' ? (body as { n: number }).n : undefined);

describe('request', () => {
  it('gives the answer it could read', async () => {
    await expect(request(`${base}/ok`, { read: readN })).resolves.toEqual({ ok: true, value: 1 });
  });

  it('sends a body as JSON with its method', async () => {
    const outcome = await request(`${base}/echo`, { method: 'POST', body: { script: 'PING' }, read: (b) => b });
    expect(outcome).toEqual({ ok: true, value: { method: 'POST', type: 'application/json', body: '{"script":"PING"}' } });
  });

  const failures: [name: string, path: string, status: number | undefined, message: string][] = [
    ['an answer of another shape', '/other-shape', 200, UNREADABLE],
    ["the API's own sentence", '/refused', 422, 'The script is too long.'],
    ['Redis down, without a body', '/down', 503, REDIS_DOWN],
    ["a proxy's HTML error page", '/html', 500, 'The server could not run the commands (HTTP 500).'],
    ['a blank sentence', '/blank', 400, 'The server could not run the commands (HTTP 400).'],
  ];
  for (const [name, path, status, message] of failures) {
    it(`explains ${name}`, async () => {
      await expect(request(`${base}${path}`, { read: readN, what: 'run the commands' })).resolves.toMatchObject({ ok: false, status, message });
    });
  }

  it("keeps the API's answer of a refusal, for a caller that lists its problems", async () => {
    const outcome = await request(`${base}/refused`, { read: readN });
    expect(outcome).toEqual({ ok: false, status: 422, message: 'The script is too long.', body: { error: 'The script is too long.' } });
  });

  it('checks the fields an answer must carry', async () => {
    await expect(request(`${base}/ok`, { read: withFields<{ n: number }>('n') })).resolves.toEqual({ ok: true, value: { n: 1 } });
    await expect(request(`${base}/ok`, { read: withFields('n', 'm') })).resolves.toMatchObject({ ok: false, message: UNREADABLE });
  });

  it('gives up on a server that does not answer in time', async () => {
    await expect(request(`${base}/slow`, { read: readN, timeoutMs: 200 })).resolves.toEqual({ ok: false, message: TOO_SLOW });
  });

  it('explains a server that is not there', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/ok`;
    closed.close();
    await once(closed, 'close');
    await expect(request(url, { read: readN })).resolves.toEqual({ ok: false, message: UNREACHABLE });
  });
});

describe('requestOrThrow', () => {
  it('gives the value, or throws the sentence', async () => {
    await expect(requestOrThrow(`${base}/ok`, { read: readN })).resolves.toBe(1);
    await expect(requestOrThrow(`${base}/refused`, { read: readN })).rejects.toThrow('The script is too long.');
  });
});
