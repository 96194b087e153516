import { describe, expect, it } from 'vitest';
import { getHealth, parseHealthResponse, postCommands, readCommandsAnswer } from './api';

const setResult = { line: 1, command: 'SET a 1', ok: true, reply: 'OK', text: 'OK', ms: 0.21 };

describe('readCommandsAnswer', () => {
  const cases: [name: string, body: unknown, expected: ReturnType<typeof readCommandsAnswer>][] = [
    ['results', { results: [setResult] }, { results: [setResult] }],
    ['no commands in the script', { results: [] }, { results: [] }],
    [
      'results with lesson progress',
      { results: [setResult], lesson: { slug: 'stampede-lock', completed: 2, total: 4, hint: 'Add NX.' } },
      { results: [setResult], lesson: { slug: 'stampede-lock', completed: 2, total: 4, hint: 'Add NX.' } },
    ],
    ['results with unreadable progress', { results: [], lesson: { slug: 1 } }, { results: [] }],
    ['malformed results', { results: [{ line: '1' }] }, undefined],
    ['no body', undefined, undefined],
  ];
  it.each(cases)('%s', (_name, body, expected) => expect(readCommandsAnswer(body)).toEqual(expected));
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
