import { describe, expect, it } from 'vitest';
import { snapshot, str } from '../testSnapshot';
import type { KeyState } from '../types';
import { theMiss } from './the-miss';

type Case = [step: number, name: string, keys: Record<string, KeyState>, log: [string, string][], done: boolean, hint?: RegExp];

const SET = 'SET cache:data "fresh value" PX 5000';

describe('the-miss', () => {
  it.each<Case>([
    [1, 'a short life', { 'cache:data': str('fresh value', 5_000) }, [[SET, 'OK']], true],
    [1, 'EX counts too', { 'cache:data': str('fresh value', 5_000) }, [['SET cache:data "fresh value" EX 5', 'OK']], true],
    [1, 'no expiry', { 'cache:data': str('fresh value') }, [['SET cache:data "fresh value"', 'OK']], false, /never expires.*PX 5000/],
    [1, 'too long to wait for', { 'cache:data': str('fresh value', 60_000) }, [['SET cache:data "fresh value" PX 60000', 'OK']], false, /at most 20 seconds/],
    [1, 'unquoted value', {}, [['SET cache:data fresh value PX 5000', '(error) ERR syntax error']], false, /Quote the value/],
    [
      2,
      'read after expiry',
      {},
      [
        [SET, 'OK'],
        ['GET cache:data', '(nil)'],
      ],
      true,
    ],
    [
      2,
      'read too early',
      { 'cache:data': str('fresh value', 3_000) },
      [
        [SET, 'OK'],
        ['GET cache:data', '"fresh value"'],
      ],
      false,
      /countdown had not reached zero/,
    ],
    [
      2,
      'a miss before the short SET does not count',
      { 'cache:data': str('fresh value', 3_000) },
      [
        ['GET cache:data', '(nil)'],
        [SET, 'OK'],
      ],
      false,
      /once its countdown has reached zero/,
    ],
    [
      3,
      'two clients rebuilt',
      {},
      [
        [SET, 'OK'],
        ['GET cache:data', '(nil)'],
        ['SET cache:data a PX 5000', 'OK'],
        ['SET cache:data b PX 5000', 'OK'],
      ],
      true,
    ],
    [
      3,
      'only one rebuilt',
      {},
      [
        [SET, 'OK'],
        ['GET cache:data', '(nil)'],
        ['SET cache:data a PX 5000', 'OK'],
      ],
      false,
      /The other missed too/,
    ],
    [
      3,
      'a lock attempt is not a rebuild',
      {},
      [
        [SET, 'OK'],
        ['GET cache:data', '(nil)'],
        ['SET cache:data a NX PX 5000', '(nil)'],
      ],
      false,
      /run it twice/,
    ],
  ])('step %i: %s', (step, _name, keys, log, done, hint) => {
    const result = theMiss.steps[step - 1]!.check(snapshot(keys, log));
    expect(result.done).toBe(done);
    if (hint) expect(result.hint).toMatch(hint);
  });

  it('judges the GET prediction only on a real miss, and the rebuild prediction on the second SET', () => {
    const early = snapshot({}, [
      [SET, 'OK'],
      ['GET cache:data', '"fresh value"'],
    ]);
    expect(theMiss.steps[1]!.prediction!.observe(early)).toBeUndefined();
    const log: [string, string][] = [
      [SET, 'OK'],
      ['GET cache:data', '"fresh value"'],
      ['GET cache:data', '(nil)'],
      ['SET cache:data a', 'OK'],
      ['SET cache:data b', 'OK'],
    ];
    expect(theMiss.steps[1]!.prediction!.observe(snapshot({}, log))).toBe('(nil)');
    expect(theMiss.steps[2]!.prediction!.observe(snapshot({}, log))).toBe('OK');
  });
});
