/** Redis Cluster's key → slot mapping (cluster-spec: CRC16-CCITT/XMODEM of the hash tag, mod 16384). */
export const SLOTS = 16_384;

const TABLE = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 0x8000 ? (crc << 1) ^ 0x1021 : crc << 1;
    table[byte] = crc & 0xffff;
  }
  return table;
})();

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ TABLE[((crc >> 8) ^ byte) & 0xff]!) & 0xffff;
  return crc;
}

/** The part of a key Redis hashes: the first non-empty `{…}`, or the whole key. */
function hashedPart(key: Buffer): Buffer {
  const open = key.indexOf('{');
  if (open < 0) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.subarray(open + 1, close) : key;
}

export function slotOf(key: string | Buffer): number {
  return crc16(hashedPart(Buffer.isBuffer(key) ? key : Buffer.from(key))) % SLOTS;
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
