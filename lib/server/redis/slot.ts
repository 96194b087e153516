import calculateSlot from 'cluster-key-slot';

/**
 * Redis Cluster's key → slot mapping (CRC16 of the first non-empty hash tag, or of the whole key,
 * mod 16384), by the same function ioredis routes with, so the two never disagree.
 */
export function slotOf(key: string | Buffer): number {
  return calculateSlot(key);
}

const GLOB = /[*?[\\]/;

/**
 * The slot every key matching a glob pattern falls in, when the pattern fixes it: a hash tag with
 * no wildcard before its closing brace (`sl:{abc}:*`). Undefined for a pattern that spans slots.
 */
export function slotOfPattern(pattern: string): number | undefined {
  const open = pattern.indexOf('{');
  const close = open < 0 ? -1 : pattern.indexOf('}', open + 1);
  if (close <= open + 1 || GLOB.test(pattern.slice(0, close))) return undefined;
  return slotOf(pattern.slice(0, close + 1));
}
