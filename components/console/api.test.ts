import { describe, expect, it } from 'vitest';
import { getHealth, parseCommandsResponse, parseHealthResponse, postCommands, type CommandsOutcome } from './api';

const setResult = { line: 1, command: 'SET a 1', ok: true, reply: 'OK', text: 'OK', ms: 0.21 };

describe('parseCommandsResponse', () => {
  const cases: [name: string, status: number, body: unknown, expected: CommandsOutcome][] = [
    ['results', 200, { results: [setResult] }, { ok: true, results: [setResult] }],
    ['no commands in the script', 200, { results: [] }, { ok: true, results: [] }],
    [
      'results with lesson progress',
      200,
      { results: [setResult], lesson: { slug: 'stampede-lock', completed: 2, total: 4, hint: 'Add NX.' } },
      { ok: true, results: [setResult], lesson: { slug: 'stampede-lock', completed: 2, total: 4, hint: 'Add NX.' } },
    ],
    ['results with unreadable progress', 200, { results: [], lesson: { slug: 1 } }, { ok: true, results: [] }],
    ['request error with a sentence', 422, { error: 'The script is too long.' }, { ok: false, status: 422, message: 'The script is too long.' }],
    ['Redis down', 503, { error: 'Redis is down.' }, { ok: false, status: 503, message: 'Redis is down.' }],
    ['Redis down without a body', 503, undefined, { ok: false, status: 503, message: 'Redis is not reachable right now. Try again in a moment.' }],
    ['HTML error page', 500, undefined, { ok: false, status: 500, message: 'The server could not run the commands (HTTP 500).' }],
    ['blank error text', 400, { error: ' ' }, { ok: false, status: 400, message: 'The server could not run the commands (HTTP 400).' }],
    [
      'malformed results',
      200,
      { results: [{ line: '1' }] },
      { ok: false, status: 200, message: 'The server sent results this page cannot read. Try reloading the page.' },
    ],
  ];
  it.each(cases)('%s', (_name, status, body, expected) => expect(parseCommandsResponse(status, body)).toEqual(expected));
});

describe('parseHealthResponse', () => {
  const cases: [name: string, status: number, body: unknown, expected: ReturnType<typeof parseHealthResponse>][] = [
    ['up', 200, { redis: 'up', version: '7.0.15' }, { redis: 'up', version: '7.0.15' }],
    ['down', 503, { redis: 'down', version: '7.0.15' }, { redis: 'down', version: '7.0.15' }],
    ['503 without a body', 503, undefined, { redis: 'down' }],
    ['server error', 500, undefined, { redis: 'unreachable' }],
    ['not found', 404, { error: 'nope' }, { redis: 'unreachable' }],
  ];
  it.each(cases)('%s', (_name, status, body, expected) => expect(parseHealthResponse(status, body)).toEqual(expected));
});

describe('requests', () => {
  const failing = (() => Promise.reject(new TypeError('Failed to fetch'))) as typeof fetch;

  it('posts the script as JSON', async () => {
    let sent: RequestInit | undefined;
    const fake = ((_url: string, init?: RequestInit) => {
      sent = init;
      return Promise.resolve(Response.json({ results: [setResult] }));
    }) as typeof fetch;
    await expect(postCommands('SET a 1', fake)).resolves.toEqual({ ok: true, results: [setResult] });
    expect(sent).toMatchObject({ method: 'POST', body: '{"script":"SET a 1"}' });
  });

  it('explains an unreachable server', async () => {
    await expect(postCommands('PING', failing)).resolves.toMatchObject({ ok: false, message: expect.stringContaining('Could not reach') });
    await expect(getHealth(failing)).resolves.toEqual({ redis: 'unreachable' });
  });
});
