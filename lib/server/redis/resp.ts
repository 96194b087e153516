import type { Reply } from '@/lib/cli/reply';

const CRLF = Buffer.from('\r\n');

/** Encodes one command as a RESP array of bulk strings. */
export function encodeCommand(args: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    parts.push(Buffer.from(`$${arg.length}\r\n`), Buffer.from(arg.buffer, arg.byteOffset, arg.length), CRLF);
  }
  return Buffer.concat(parts);
}

class Incomplete extends Error {}
const INCOMPLETE = new Incomplete();

/**
 * A streaming RESP2 decoder that keeps the wire type of every reply. ioredis decodes status and
 * bulk strings to the same Buffer, which would make `OK` and `"OK"` indistinguishable.
 */
export class RespDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(private readonly onReply: (reply: Reply) => void) {}

  write(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer.subarray(this.offset), chunk]);
    this.offset = 0;
    for (;;) {
      const start = this.offset;
      try {
        const reply = this.parse();
        this.onReply(reply);
      } catch (error) {
        if (error !== INCOMPLETE) throw error;
        this.offset = start;
        break;
      }
      if (this.offset >= this.buffer.length) {
        this.buffer = Buffer.alloc(0);
        this.offset = 0;
        break;
      }
    }
  }

  reset(): void {
    this.buffer = Buffer.alloc(0);
    this.offset = 0;
  }

  private line(): string {
    const end = this.buffer.indexOf(CRLF, this.offset);
    if (end < 0) throw INCOMPLETE;
    const text = this.buffer.toString('latin1', this.offset, end);
    this.offset = end + 2;
    return text;
  }

  private parse(): Reply {
    if (this.offset >= this.buffer.length) throw INCOMPLETE;
    const marker = String.fromCharCode(this.buffer[this.offset]!);
    this.offset += 1;
    switch (marker) {
      case '+':
        return { type: 'status', value: this.utf8Line() };
      case '-':
        return { type: 'error', value: this.utf8Line() };
      case ':':
        return { type: 'integer', value: this.line() };
      case '$':
        return this.bulk();
      case '*':
        return this.array();
      default:
        throw new Error(`Redis sent a reply this console cannot read (type byte "${marker}").`);
    }
  }

  private utf8Line(): string {
    const end = this.buffer.indexOf(CRLF, this.offset);
    if (end < 0) throw INCOMPLETE;
    const text = this.buffer.toString('utf8', this.offset, end);
    this.offset = end + 2;
    return text;
  }

  private bulk(): Reply {
    const length = Number(this.line());
    if (length < 0) return { type: 'nil' };
    if (this.offset + length + 2 > this.buffer.length) throw INCOMPLETE;
    const value = new Uint8Array(this.buffer.subarray(this.offset, this.offset + length));
    this.offset += length + 2;
    return { type: 'bulk', value };
  }

  private array(): Reply {
    const length = Number(this.line());
    if (length < 0) return { type: 'nil' };
    const value: Reply[] = [];
    for (let i = 0; i < length; i += 1) value.push(this.parse());
    return { type: 'array', value };
  }
}
