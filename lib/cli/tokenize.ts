/**
 * A port of redis-cli's argument splitter, `sdssplitargs` in redis/src/sds.c:
 * https://github.com/redis/redis/blob/7.0/src/sds.c
 *
 * It works on bytes, as the C original does, so `"\xff"` yields one raw byte and every other
 * character becomes its UTF-8 encoding.
 */

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const LOWER_X = 0x78;

/** The escapes a double-quoted argument understands; any other `\c` stands for `c`. */
const ESCAPES: Readonly<Record<number, number>> = {
  0x6e: NEWLINE, // \n
  0x72: CARRIAGE_RETURN, // \r
  0x74: TAB, // \t
  0x62: 0x08, // \b
  0x61: 0x07, // \a
};

const utf8 = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF as part of the argument instead of silently dropping it.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * C's `isspace` (space, \t, \n, \v, \f, \r): sds.c uses it to skip blanks between arguments
 * and to accept what follows a closing quote.
 */
function isSpace(byte: number): boolean {
  return byte === SPACE || (byte >= TAB && byte <= CARRIAGE_RETURN);
}

/**
 * The bytes that end an unquoted argument. Narrower than `isSpace`: sds.c lists them by hand,
 * so a vertical tab or form feed inside an argument stays part of it.
 */
function endsBareArgument(byte: number): boolean {
  return byte === SPACE || byte === NEWLINE || byte === CARRIAGE_RETURN || byte === TAB || byte === 0;
}

/** The value of an ASCII hex digit, or -1 for any other byte. */
function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x61 + 10;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x41 + 10;
  return -1;
}

/** The byte two hex digits spell, or -1 unless both are hex digits. */
function hexPair(high: number, low: number): number {
  const hi = hexValue(high);
  const lo = hexValue(low);
  return hi >= 0 && lo >= 0 ? hi * 16 + lo : -1;
}

/**
 * Splits a command line into arguments exactly as redis-cli does. Returns null where redis-cli
 * prints `Invalid argument(s)`: an unterminated quote, or a closing quote followed by anything
 * but whitespace (`"a"b`).
 */
export function splitArgs(line: string): Uint8Array[] | null {
  const encoded = utf8.encode(line);
  // redis-cli hands sdssplitargs a C string, so a NUL byte ends the line.
  const nul = encoded.indexOf(0);
  const bytes = nul === -1 ? encoded : encoded.subarray(0, nul);
  // Reading past the end yields 0, the C terminator the original tests for.
  const at = (i: number): number => bytes[i] ?? 0;

  const args: Uint8Array[] = [];
  let p = 0;
  for (;;) {
    while (p < bytes.length && isSpace(at(p))) p++;
    if (p >= bytes.length) return args;

    const current: number[] = [];
    let inDoubleQuotes = false;
    let inSingleQuotes = false;
    let done = false;
    while (!done) {
      const c = at(p);
      if (inDoubleQuotes) {
        const hexByte = c === BACKSLASH && at(p + 1) === LOWER_X ? hexPair(at(p + 2), at(p + 3)) : -1;
        if (hexByte >= 0) {
          current.push(hexByte);
          p += 3;
        } else if (c === BACKSLASH && at(p + 1) !== 0) {
          // `\x` without two hex digits lands here too and stands for a plain `x`.
          p++;
          current.push(ESCAPES[at(p)] ?? at(p));
        } else if (c === DOUBLE_QUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (inSingleQuotes) {
        if (c === BACKSLASH && at(p + 1) === SINGLE_QUOTE) {
          p++;
          current.push(SINGLE_QUOTE);
        } else if (c === SINGLE_QUOTE) {
          if (at(p + 1) !== 0 && !isSpace(at(p + 1))) return null;
          done = true;
        } else if (c === 0) {
          return null;
        } else {
          current.push(c);
        }
      } else if (endsBareArgument(c)) {
        done = true;
      } else if (c === DOUBLE_QUOTE) {
        // A quote may open mid-argument: foo"bar baz" is the single argument `foobar baz`.
        inDoubleQuotes = true;
      } else if (c === SINGLE_QUOTE) {
        inSingleQuotes = true;
      } else {
        current.push(c);
      }
      if (at(p) !== 0) p++;
    }
    args.push(Uint8Array.from(current));
  }
}

/** {@link splitArgs}, with each argument decoded as UTF-8 (invalid bytes become U+FFFD). */
export function splitArgsText(line: string): string[] | null {
  return splitArgs(line)?.map((arg) => utf8Decoder.decode(arg)) ?? null;
}
