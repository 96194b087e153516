import { describe, expect, it } from 'vitest';
import { fetchCommandMetadata, parseCommandMetadata } from './commandMetadata';

const get = { name: 'GET', summary: 'Returns the value.', syntax: 'GET key', group: 'string', allowed: true, tokens: [] };

describe('parseCommandMetadata', () => {
  const cases: [name: string, body: unknown, expected: unknown][] = [
    ['commands', { commands: [get] }, [get]],
    ['malformed entries are skipped', { commands: [get, { name: 'SET' }, null, { ...get, tokens: [1] }] }, [get]],
    ['not a command list', { error: 'Redis is down.' }, null],
    ['no body', undefined, null],
  ];
  it.each(cases)('%s', (_name, body, expected) => expect(parseCommandMetadata(body)).toEqual(expected));
});

describe('fetchCommandMetadata', () => {
  it('gives up quietly when the server cannot answer', async () => {
    const down = (() => Promise.resolve(Response.json({ error: 'Redis is down.' }, { status: 503 }))) as typeof fetch;
    await expect(fetchCommandMetadata(down)).resolves.toBeNull();
  });
});
