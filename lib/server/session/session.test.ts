import { describe, expect, it } from 'vitest';
import type { Reply } from '@/lib/cli/reply';
import { issueSessionCookie, readCookie, verifySessionCookie } from './cookie';
import { namespaceOf, stripPrefix } from './namespace';

describe('session cookies', () => {
  const secret = 'test-secret';

  it('verify what this server issued', () => {
    const cookie = issueSessionCookie(secret);
    expect(verifySessionCookie(cookie, secret)).toMatch(/^[\w-]{22}$/);
  });

  const forgeries: [string, (c: string) => string][] = [
    ['another secret', (c) => issueSessionCookie('other').replace(/^[^.]+/, c.split('.')[0]!)],
    ['a chosen id', () => 'AAAAAAAAAAAAAAAAAAAAAA.whatever'],
    ['no signature', (c) => c.split('.')[0]!],
    ['a changed id', (c) => `B${c.slice(1)}`],
    ['an empty value', () => ''],
    ['a short id', (c) => `abc.${c.split('.')[1]}`],
  ];
  for (const [name, forge] of forgeries) {
    it(`reject ${name}`, () => expect(verifySessionCookie(forge(issueSessionCookie(secret)), secret)).toBeUndefined());
  }

  it('are read from a Cookie header among others', () => {
    expect(readCookie('a=1; stampede_session=x.y; b=2', 'stampede_session')).toBe('x.y');
    expect(readCookie(null, 'stampede_session')).toBeUndefined();
  });
});

describe('namespaces', () => {
  it('are stable, glob-safe and hash-tagged', () => {
    const ns = namespaceOf('session-1');
    expect(namespaceOf('session-1').prefix).toBe(ns.prefix);
    expect(ns.id).toMatch(/^[0-9a-f]{16}$/);
    expect(ns.prefix).toBe(`sl:{${ns.id}}:`);
    expect(ns.keys.log).toBe(`sl:{${ns.id}}#log`);
    expect(namespaceOf('session-2').id).not.toBe(ns.id);
  });

  it('are stripped from every key a reply carries, and only there', () => {
    const { prefix } = namespaceOf('s');
    const b = (t: string): Reply => ({ type: 'bulk', value: new Uint8Array(Buffer.from(t)) });
    const reply: Reply = {
      type: 'array',
      value: [b(`${prefix}k`), b('plain'), { type: 'array', value: [b(`${prefix}deep`)] }, { type: 'error', value: `ERR ${prefix}x` }],
    };
    expect(stripPrefix(reply, prefix)).toEqual({
      type: 'array',
      value: [b('k'), b('plain'), { type: 'array', value: [b('deep')] }, { type: 'error', value: 'ERR x' }],
    });
  });
});
