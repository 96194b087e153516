import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeKey, KEY_FORMATS, learnerPrefix, roomKeys, SESSIONS_KEY, sessionKeys } from './redisKeys';

/** The first column of the README's "Keys in Redis" table. */
function documented(): string[] {
  const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
  const section = readme.split('\n### Keys in Redis\n')[1]!.split('\n#')[0]!;
  return [...section.matchAll(/^\| `([^`]+)` *\|/gm)].map((m) => m[1]!);
}

/** Every name a builder makes, with `<…>` for what varies, walked generically so a new builder cannot hide. */
function built(): string[] {
  const names: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') names.push(value);
    else if (typeof value === 'function') walk((value as (arg: string) => unknown)('<x>'));
    else if (Array.isArray(value))
      return; // the removal patterns, not names
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(sessionKeys('<ns>'));
  walk(roomKeys('<room>'));
  walk(codeKey('<code>'));
  walk(SESSIONS_KEY);
  return names;
}

const pattern = (format: string) => new RegExp(`^${format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]+>/g, '[^:#]+')}$`);

describe('the map of Redis key names', () => {
  it('is what the README lists, no more and no less', () => {
    expect([...documented()].sort()).toEqual([...KEY_FORMATS].sort());
  });

  it('lists every name a builder makes', () => {
    for (const name of built())
      expect(
        KEY_FORMATS.some((format) => pattern(format).test(name)),
        name,
      ).toBe(true);
    expect(`${learnerPrefix('ab12')}cache:data`).toBe('sl:{ab12}:cache:data');
  });

  it('keeps a session in one slot and a room in another, with the learner out of the app’s keys', () => {
    const keys = sessionKeys('ab12');
    for (const name of built().filter((n) => n.startsWith('sl:{<ns>}'))) expect(name.startsWith('sl:{<ns>}#')).toBe(true);
    expect(keys.all).toEqual(['sl:{ab12}:*', 'sl:{ab12}#*']);
    expect(keys.race('r1').events).toBe('sl:{ab12}#race:r1:events');
    expect(roomKeys('x9').feed).toBe('sl:{room-x9}#feed');
  });
});
