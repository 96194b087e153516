import { describe, expect, it } from 'vitest';
import { parseKeyEvents, parseSnapshot } from './messages';

const view = { key: 'cache:lock', type: 'string', expiresAt: 1_700_000_003_000, preview: '"locked"', length: 6 };

describe('parseSnapshot', () => {
  const cases: [name: string, data: string, ok: boolean][] = [
    ['a snapshot', JSON.stringify({ now: 1, mode: 'push', keys: [view] }), true],
    ['poll mode and no keys', JSON.stringify({ now: 1, mode: 'poll', keys: [] }), true],
    ['a persistent key', JSON.stringify({ now: 1, mode: 'push', keys: [{ ...view, expiresAt: null }] }), true],
    ['an unknown mode', JSON.stringify({ now: 1, mode: 'psychic', keys: [] }), false],
    ['a key without a name', JSON.stringify({ now: 1, mode: 'push', keys: [{ ...view, key: 3 }] }), false],
    ['no clock', JSON.stringify({ mode: 'push', keys: [] }), false],
    ['not JSON', 'event: nope', false],
  ];
  it.each(cases)('%s', (_name, data, ok) => expect(parseSnapshot(data) !== null).toBe(ok));
});

describe('parseKeyEvents', () => {
  it('reads events with and without a view', () => {
    const events = [
      { event: 'set', key: 'cache:lock', view, at: 5 },
      { event: 'expired', key: 'cache:lock', view: null, at: 6 },
    ];
    expect(parseKeyEvents(JSON.stringify({ events }))).toEqual(events);
  });

  it('drops a message with a malformed event', () => {
    expect(parseKeyEvents(JSON.stringify({ events: [{ event: 'set', key: 'a', view: null }] }))).toBeNull();
    expect(parseKeyEvents('{}')).toBeNull();
  });
});
