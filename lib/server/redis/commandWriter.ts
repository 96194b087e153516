/** A word of a command: text (written as UTF-8), a number, or bytes as they are (a learner's latin1 argument). */
export type Arg = string | number | Uint8Array;

const INITIAL_BYTES = 16 * 1024;
const SHORT_TEXT = 256;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Writes commands in RESP straight into one Buffer, for a whole batch at once. Building each
 * command as a string first cost a burst of 10,000 clients a dozen short-lived strings per
 * command, and then a join and an encode of the lot.
 */
export class CommandWriter {
  private buffer = Buffer.allocUnsafe(INITIAL_BYTES);
  private length = 0;

  get empty(): boolean {
    return this.length === 0;
  }

  command(args: readonly Arg[]): void {
    this.header(0x2a, args.length);
    for (const arg of args) {
      const text = typeof arg === 'number' && !Number.isSafeInteger(arg) ? String(arg) : arg;
      if (typeof text === 'number') {
        this.header(0x24, digitCount(text));
        this.integer(text);
        this.crlf();
      } else if (typeof text !== 'string') {
        this.header(0x24, text.length);
        this.reserve(text.length + 2);
        this.buffer.set(text, this.length);
        this.length += text.length;
        this.crlf();
      } else if (!this.shortAscii(text)) {
        const bytes = Buffer.byteLength(text);
        this.header(0x24, bytes);
        this.reserve(bytes + 2);
        this.length += this.buffer.write(text, this.length, 'utf8');
        this.crlf();
      }
    }
  }

  /**
   * Copies a short ASCII string (a key, a token) byte by byte, which costs less than measuring and
   * encoding it in C++; false, with nothing written, for anything else.
   */
  private shortAscii(text: string): boolean {
    if (text.length > SHORT_TEXT) return false;
    const start = this.length;
    this.header(0x24, text.length);
    this.reserve(text.length + 2);
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) {
        this.length = start;
        return false;
      }
      this.buffer[this.length++] = code;
    }
    this.crlf();
    return true;
  }

  /** Appends a command encoded once before (see `encodeCommand`). */
  append(encoded: Buffer): void {
    this.reserve(encoded.length);
    this.length += encoded.copy(this.buffer, this.length);
  }

  /** What was written so far; the writer starts a new buffer, since the socket may still be sending this one. */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafe(INITIAL_BYTES);
    this.length = 0;
    return written;
  }

  clear(): void {
    this.length = 0;
  }

  private header(marker: number, count: number): void {
    this.reserve(1);
    this.buffer[this.length++] = marker;
    this.integer(count);
    this.crlf();
  }

  private integer(value: number): void {
    const digits = digitCount(value);
    this.reserve(digits);
    let rest = Math.abs(value);
    for (let i = this.length + digits - 1; i >= this.length + (value < 0 ? 1 : 0); i -= 1) {
      this.buffer[i] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
    if (value < 0) this.buffer[this.length] = 0x2d;
    this.length += digits;
  }

  private crlf(): void {
    this.reserve(2);
    this.buffer[this.length++] = CR;
    this.buffer[this.length++] = LF;
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** Characters of a safe integer written in decimal, with its sign. */
function digitCount(value: number): number {
  let digits = value < 0 ? 2 : 1;
  for (let rest = Math.abs(value); rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  return digits;
}

/** A command encoded once, for one that is sent thousands of times. */
export function encodeCommand(args: readonly Arg[]): Buffer {
  const writer = new CommandWriter();
  writer.command(args);
  return writer.take();
}
