import { describe, expect, it } from 'vitest';
import type { KeyView } from '@/lib/keys/types';
import { describePart, partMet, partNeedsClock, type TargetPart } from './target';

const NOW = 1_000_000;
const view = (preview: string, expiresAt: number | null = null, type = 'string'): KeyView => ({ key: 'k', type, expiresAt, preview, length: preview.length });

describe("a step's target state", () => {
  it.each<[string, TargetPart, KeyView | undefined, boolean]>([
    ['the value, no expiry', { key: 'cache:data', value: 'initial value', state: 'persistent' }, view('"initial value"'), true],
    ['the value, but with a TTL', { key: 'cache:data', value: 'initial value', state: 'persistent' }, view('"initial value"', NOW + 1), false],
    ['another value', { key: 'cache:data', value: 'initial value' }, view('"initial"'), false],
    ['a value with a quote', { key: 'k', value: 'say "hi"' }, view('"say \\"hi\\""'), true],
    ['a list is not the string', { key: 'k', value: 'a' }, view('1) "a"', null, 'list'), false],
    ['expiring', { key: 'cache:lock', state: 'expiring' }, view('"x"', NOW + 5), true],
    ['missing', { key: 'cache:lock', state: 'expiring' }, undefined, false],
    ['gone', { key: 'cache:lock', state: 'gone' }, undefined, true],
    ['not gone yet', { key: 'cache:lock', state: 'gone' }, view('"locked"'), false],
    ['gone the moment its countdown reaches zero, before the expired event', { key: 'cache:data', state: 'gone' }, view('"v"', NOW), true],
    ['an expired key meets nothing but gone', { key: 'cache:data', state: 'expiring' }, view('"v"', NOW - 1), false],
    ['TTL inside the range', { key: 'l', ttl: { min: 10_000, max: 30_000 } }, view('"w"', NOW + 20_000), true],
    ['TTL under the range', { key: 'l', ttl: { min: 10_000, max: 30_000 } }, view('"w"', NOW + 9_999), false],
    ['TTL over the range', { key: 'l', ttl: { max: 5_000 } }, view('"w"', NOW + 5_001), false],
    ['TTL at most, reached', { key: 'l', ttl: { max: 5_000 } }, view('"w"', NOW + 5_000), true],
    ['a TTL range needs a TTL', { key: 'l', ttl: { max: 5_000 } }, view('"w"'), false],
    ['a TTL range and a value', { key: 'l', value: 'w', ttl: { min: 1 } }, view('"other"', NOW + 50), false],
  ])('%s', (_name, part, live, met) => {
    expect(partMet(part, live, NOW)).toBe(met);
  });

  it('reads as a line', () => {
    expect(describePart({ key: 'cache:data', value: 'initial value', state: 'persistent' })).toBe('cache:data = "initial value", no expiry');
    expect(describePart({ key: 'cache:lock', state: 'expiring' })).toBe('cache:lock exists, with a TTL');
    expect(describePart({ key: 'cache:lock', state: 'gone' })).toBe('cache:lock: gone');
    expect(describePart({ key: 'cache:data', value: 'fresh value', ttl: { max: 20_000 } })).toBe('cache:data = "fresh value", TTL ≤ 20 s');
    expect(describePart({ key: 'report:lock', value: 'worker-2', ttl: { min: 10_000 } })).toBe('report:lock = "worker-2", TTL > 10 s');
    expect(describePart({ key: 'order:lock', ttl: { min: 30_000, max: 300_000 } })).toBe('order:lock exists, TTL 30 s–5 min');
  });

  it('asks for a clock only while time can change the answer', () => {
    expect(partNeedsClock({ key: 'k', value: 'v' }, view('"v"'))).toBe(false);
    expect(partNeedsClock({ key: 'k', state: 'gone' }, view('"v"', NOW + 10))).toBe(true);
    expect(partNeedsClock({ key: 'k', ttl: { max: 1 } }, undefined)).toBe(true);
  });
});
