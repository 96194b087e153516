import { describe, expect, it } from 'vitest';
import { list, snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';
import { checkedKeys, evaluateChecks, parseCheckBlock } from './checkLanguage';

const parse = (text: string) => parseCheckBlock(text, 10);
const judge = (text: string, keys: Record<string, KeyState>, log: [string, string][] = []) => {
  const { checks, errors } = parse(text);
  expect(errors).toEqual([]);
  return evaluateChecks(checks, snapshot(keys, log));
};

describe('parsing check lines', () => {
  it('reads every line form, with the file line each is on', () => {
    const { checks, errors } = parse(
      [
        'exists a',
        'missing "b c"',
        'value hot:1 "v w"',
        'type q list',
        'ttl hot:1 25000..35000',
        '',
        'ran SET lock * NX PX *',
        'replied SET lock * NX PX * => (nil)',
      ].join('\n'),
    );
    expect(errors).toEqual([]);
    expect(checks).toEqual([
      { line: 10, kind: 'exists', key: 'a' },
      { line: 11, kind: 'missing', key: 'b c' },
      { line: 12, kind: 'value', key: 'hot:1', value: 'v w' },
      { line: 13, kind: 'type', key: 'q', type: 'list' },
      { line: 14, kind: 'ttl', key: 'hot:1', min: 25000, max: 35000 },
      { line: 16, kind: 'ran', pattern: ['SET', 'lock', '*', 'NX', 'PX', '*'] },
      { line: 17, kind: 'replied', pattern: ['SET', 'lock', '*', 'NX', 'PX', '*'], reply: '(nil)' },
    ]);
    expect(checkedKeys(checks)).toEqual(['a', 'b c', 'hot:1', 'q']);
  });

  it('keeps a reply as redis-cli prints it, quotes and all', () => {
    expect(parse('replied GET k => "v"').checks).toEqual([{ line: 10, kind: 'replied', pattern: ['GET', 'k'], reply: '"v"' }]);
  });

  const errors: [string, RegExp][] = [
    ['frobnicate k', /"frobnicate" is not a check; a line is one of: exists KEY/],
    ['exists', /`exists` takes one key/],
    ['missing a b', /`missing` takes one key/],
    ['value k', /`value` takes a key and the text/],
    ['value k "unclosed', /quotes do not close/],
    ['type k blob', /`type` takes a key and one of string, list, hash, set, zset, stream/],
    ['ttl k 100', /`ttl` takes a key and a range of milliseconds/],
    ['ttl k 5..1', /the range 5..1 is empty/],
    ['ttl k -1..5', /`ttl` takes a key and a range/],
    ['ran', /`ran` takes a command pattern/],
    ['replied GET k (nil)', /`replied` takes a command pattern, then `=>`/],
    ['replied => (nil)', /needs a command pattern before `=>`/],
    ['replied GET k =>', /needs the reply after `=>`/],
    ['replied GET "k => (nil)', /its pattern: its quotes do not close/],
  ];
  it.each(errors)('%s is refused with its line', (line, message) => {
    const result = parse(`exists ok\n${line}`);
    expect(result.errors).toEqual([{ line: 11, message: expect.stringMatching(message) }]);
  });

  it('refuses an empty block', () => {
    expect(parse('\n  \n').errors).toEqual([{ line: 10, message: expect.stringMatching(/this check block is empty/) }]);
  });
});

describe('judging a snapshot', () => {
  it('exists and missing', () => {
    expect(judge('exists a', { a: str('1') }).done).toBe(true);
    expect(judge('exists a', {})).toEqual({ done: false, hint: '`a` does not exist yet.' });
    expect(judge('missing a', {}).done).toBe(true);
    expect(judge('missing a', { a: str('1') }).hint).toMatch(/`a` still exists/);
  });

  it('value: a string holding exactly the text', () => {
    expect(judge('value a "v"', { a: str('v') }).done).toBe(true);
    expect(judge('value a "v"', { a: str('V') }).hint).toBe('`a` holds "V"; this step wants "v".');
    expect(judge('value a "v"', { a: list(['v']) }).hint).toMatch(/`a` is a list; this step wants a string/);
    expect(judge('value a "v"', {}).hint).toMatch(/does not exist yet/);
  });

  it('type, including a stream', () => {
    expect(judge('type q list', { q: list(['x']) }).done).toBe(true);
    expect(judge('type s stream', { s: { type: 'other', redisType: 'stream', ttlMs: null } }).done).toBe(true);
    expect(judge('type q hash', { q: list(['x']) }).hint).toMatch(/`q` is a list; this step wants a hash/);
    expect(judge('type q hash', {}).hint).toMatch(/does not exist yet/);
  });

  it('ttl: milliseconds left, bounds inclusive', () => {
    expect(judge('ttl a 100..200', { a: str('v', 100) }).done).toBe(true);
    expect(judge('ttl a 100..200', { a: str('v', 200) }).done).toBe(true);
    expect(judge('ttl a 100..200', { a: str('v', 201) }).hint).toMatch(/has 201 ms left; this step wants 100..200 ms/);
    expect(judge('ttl a 100..200', { a: str('v') }).hint).toMatch(/has no expiry/);
    expect(judge('ttl a 100..200', {}).hint).toMatch(/does not exist yet/);
  });

  it('ran: the name in any case, arguments exactly, * for any one argument', () => {
    expect(judge('ran SET lock * NX PX *', {}, [['set lock me NX PX 3000', 'OK']]).done).toBe(true);
    expect(judge('ran SET lock * NX PX *', {}, [['SET lock me nx PX 3000', 'OK']]).done).toBe(false);
    expect(judge('ran SET lock * NX PX *', {}, [['SET lock me NX PX 3000 GET', 'OK']]).done).toBe(false);
    expect(judge('ran SET Lock * NX PX *', {}, [['SET lock me NX PX 3000', 'OK']]).hint).toBe('This step waits for a `SET` command it has not seen yet.');
  });

  it('replied: a matching command answered exactly the text', () => {
    const log: [string, string][] = [
      ['SET lock a NX PX 1', 'OK'],
      ['SET lock b NX PX 1', '(nil)'],
    ];
    expect(judge('replied SET lock * NX PX * => (nil)', {}, log).done).toBe(true);
    expect(judge('replied SET lock * NX PX * => (integer) 1', {}, log).hint).toBe('`SET` answered (nil); this step wants it to answer (integer) 1.');
    expect(judge('replied GET lock => (nil)', {}, log).hint).toMatch(/waits for a `GET` command/);
    expect(judge('replied LRANGE q 0 -1 => 1) "a" 2) "b"', {}, [['LRANGE q 0 -1', '1) "a"\n2) "b"']]).done).toBe(true);
  });

  it('every line must hold; the first that fails explains', () => {
    expect(judge('exists a\nmissing b', { a: str('1'), b: str('2') }).hint).toMatch(/`b` still exists/);
    expect(judge('exists a\nmissing b', { a: str('1') }).done).toBe(true);
  });
});
