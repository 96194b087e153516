import { describe, expect, it } from 'vitest';
import type { KeyView } from '@/lib/keys/types';
import { describePart, partMet, type TargetPart } from './target';

const view = (preview: string, expiresAt: number | null = null, type = 'string'): KeyView => ({ key: 'k', type, expiresAt, preview, length: preview.length });

describe('a step\'s target state', () => {
  it.each<[string, TargetPart, KeyView | undefined, boolean]>([
    ['the value, no expiry', { key: 'cache:data', value: 'initial value', state: 'persistent' }, view('"initial value"'), true],
    ['the value, but with a TTL', { key: 'cache:data', value: 'initial value', state: 'persistent' }, view('"initial value"', 1), false],
    ['another value', { key: 'cache:data', value: 'initial value' }, view('"initial"'), false],
    ['a value with a quote', { key: 'k', value: 'say "hi"' }, view('"say \\"hi\\""'), true],
    ['a list is not the string', { key: 'k', value: 'a' }, view('1) "a"', null, 'list'), false],
    ['expiring', { key: 'cache:lock', state: 'expiring' }, view('"x"', 5), true],
    ['missing', { key: 'cache:lock', state: 'expiring' }, undefined, false],
    ['gone', { key: 'cache:lock', state: 'gone' }, undefined, true],
    ['not gone yet', { key: 'cache:lock', state: 'gone' }, view('"locked"'), false],
  ])('%s', (_name, part, live, met) => {
    expect(partMet(part, live)).toBe(met);
  });

  it('reads as a line', () => {
    expect(describePart({ key: 'cache:data', value: 'initial value', state: 'persistent' })).toBe('cache:data = "initial value", no expiry');
    expect(describePart({ key: 'cache:lock', state: 'expiring' })).toBe('cache:lock exists, with a TTL');
    expect(describePart({ key: 'cache:lock', state: 'gone' })).toBe('cache:lock: gone');
  });
});
