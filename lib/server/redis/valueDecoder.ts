/** An error reply ("-ERR …"): the rejection of the command that caused it. */
export class ReplyError extends Error {}

/** A reply as a plain value: status and bulk strings are strings, integers numbers, nil null. */
export type RespValue = string | number | null | ReplyError | RespValue[];

const INCOMPLETE = Symbol('incomplete');
const CR = 13;
const EMPTY = Buffer.alloc(0);

/**
 * A streaming RESP2 decoder into plain values, for connections that need no wire types (the
 * console's RespDecoder keeps them, to print what redis-cli prints). A race reads 10,000 replies
 * in one socket read; this hands each one on as soon as it is parsed and allocates nothing per
 * reply but the value itself, and not even that for the usual `+OK`, nil and integers.
 */
export class ValueDecoder {
  private data: Buffer = EMPTY;
  private pos = 0;
  /** Reads not parsed yet, and how many bytes the reply they belong to needs at least. */
  private unread: Buffer[] = [];
  private buffered = 0;
  private needed = 0;

  constructor(private readonly onValue: (value: RespValue) => void) {}

  write(chunk: Buffer): void {
    this.unread.push(chunk);
    this.buffered += chunk.length;
    // A long bulk string arrives in many reads: join them once it is all there, not at every read.
    if (this.buffered < this.needed) return;
    this.data = this.unread.length === 1 ? chunk : Buffer.concat(this.unread, this.buffered);
    this.pos = 0;
    this.needed = 0;
    for (;;) {
      const start = this.pos;
      const value = this.parse();
      if (value === INCOMPLETE) {
        this.unread = start < this.data.length ? [this.data.subarray(start)] : [];
        this.buffered = this.data.length - start;
        this.needed = Math.max(this.needed - start, 0);
        return;
      }
      this.onValue(value);
    }
  }

  reset(): void {
    this.data = EMPTY;
    this.pos = 0;
    this.unread = [];
    this.buffered = this.needed = 0;
  }

  private parse(): RespValue | typeof INCOMPLETE {
    const { data } = this;
    const lineStart = this.pos + 1;
    const lineEnd = data.indexOf(CR, lineStart);
    if (lineEnd < 0 || lineEnd + 1 >= data.length) return INCOMPLETE;
    const marker = data[this.pos];
    this.pos = lineEnd + 2;
    switch (marker) {
      case 0x2b: // +
        return lineEnd - lineStart === 2 && data[lineStart] === 0x4f && data[lineStart + 1] === 0x4b ? 'OK' : data.toString('latin1', lineStart, lineEnd);
      case 0x2d: // -
        return new ReplyError(data.toString('utf8', lineStart, lineEnd));
      case 0x3a: // :
        return integer(data, lineStart, lineEnd);
      case 0x24: {
        // $
        const length = integer(data, lineStart, lineEnd);
        if (length < 0) return null;
        if (this.pos + length + 2 > data.length) {
          // Where this string ends: `write` waits for that many bytes before parsing again.
          this.needed = this.pos + length + 2;
          return INCOMPLETE;
        }
        const text = data.toString('utf8', this.pos, this.pos + length);
        this.pos += length + 2;
        return text;
      }
      case 0x2a: {
        // *
        const length = integer(data, lineStart, lineEnd);
        if (length < 0) return null;
        const items: RespValue[] = [];
        for (let i = 0; i < length; i += 1) {
          const item = this.parse();
          if (item === INCOMPLETE) return INCOMPLETE;
          items.push(item);
        }
        return items;
      }
      default:
        throw new Error(`Redis sent a reply that is not RESP2 (type byte ${marker}).`);
    }
  }
}

/** Digits to a number without making a string; replies beyond 2^53 lose precision, which no race needs. */
function integer(data: Buffer, from: number, to: number): number {
  const negative = data[from] === 0x2d;
  let value = 0;
  for (let i = negative ? from + 1 : from; i < to; i += 1) value = value * 10 + data[i]! - 0x30;
  return negative ? -value : value;
}
