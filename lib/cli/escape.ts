/**
 * Quotes bytes the way redis-cli prints a bulk string: `sdscatrepr` in redis/src/sds.c
 * (https://github.com/redis/redis/blob/7.0/src/sds.c). The result reads back through
 * `splitArgs` to the same bytes.
 */

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x5c: '\\\\',
  0x22: '\\"',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x07: '\\a',
  0x08: '\\b',
};

/** C's `isprint` in the "C" locale; redis-cli escapes every byte of a multi-byte character. */
function isPrint(byte: number): boolean {
  return byte >= 0x20 && byte <= 0x7e;
}

export function reprBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const byte of bytes) {
    const named = NAMED_ESCAPES[byte];
    if (named !== undefined) out += named;
    else if (isPrint(byte)) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}
