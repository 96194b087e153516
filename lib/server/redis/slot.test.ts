import { describe, expect, it } from 'vitest';
import { slotOf, slotOfPattern } from './slot';

describe('cluster slots', () => {
  // Values from `CLUSTER KEYSLOT` on Redis 7.
  it.each([
    ['123456789', 12_739],
    ['foo', 12_182],
    ['sl:{abc}:x', 7_638],
    ['{abc}', 7_638],
    ['{}abc', 5_980],
  ])('puts %s in slot %i', (key, slot) => expect(slotOf(key)).toBe(slot));

  it('hashes only the first non-empty hash tag', () => {
    expect(slotOf('sl:{abc}:cache:data')).toBe(slotOf('abc'));
    expect(slotOf('sl:{abc}#progress')).toBe(slotOf('abc'));
    expect(slotOf('{}{abc}')).not.toBe(slotOf('abc'));
  });

  it('knows the slot of a pattern only when a wildcard cannot change the hash tag', () => {
    expect(slotOfPattern('sl:{abc}:*')).toBe(slotOf('abc'));
    expect(slotOfPattern('sl:{abc}#*')).toBe(slotOf('abc'));
    expect(slotOfPattern('sl:{*}:*')).toBeUndefined();
    expect(slotOfPattern('s*:{abc}:*')).toBeUndefined();
    expect(slotOfPattern('sl:*')).toBeUndefined();
    expect(slotOfPattern('sl:{}:*')).toBeUndefined();
  });
});
