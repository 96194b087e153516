import type { Reply } from '@/lib/cli/reply';

const CRLF = Buffer.from('\r\n');

/**
 * A streaming RESP2 decoder that keeps the wire type of every reply. ioredis decodes status and
 * bulk strings to the same Buffer, which would make `OK` and `"OK"` indistinguishable.
 *
 * Large replies arrive in many chunks, so it first scans for where the next reply ends, resuming
 * where the last chunk stopped, and parses only once the reply is complete: linear in its size.
 */
export class RespDecoder {
  private buffer: Buffer = Buffer.alloc(64 * 1024);
  private length = 0;
  /** Where the reply being assembled starts, and how far the scan has got. */
  private start = 0;
  private scanned = 0;
  /** Elements still missing at each open array level of the reply being scanned. */
  private missing: number[] = [];

  constructor(private readonly onReply: (reply: Reply, bytes: number) => void) {}

  write(chunk: Buffer): void {
    this.append(chunk);
    for (let end = this.scan(); end >= 0; end = this.scan()) {
      const reply = new ReplyParser(this.buffer.subarray(this.start, end)).parse();
      const bytes = end - this.start;
      this.start = end;
      this.scanned = end;
      this.onReply(reply, bytes);
    }
    if (this.start === this.length) {
      this.start = this.scanned = this.length = 0;
    }
  }

  reset(): void {
    this.start = this.scanned = this.length = 0;
    this.missing = [];
  }

  private append(chunk: Buffer): void {
    if (this.length + chunk.length > this.buffer.length) {
      // Drop what is consumed, and grow geometrically so appends stay amortised O(1).
      const live = this.length - this.start;
      const grown = Buffer.alloc(Math.max(this.buffer.length, (live + chunk.length) * 2));
      this.buffer.copy(grown, 0, this.start, this.length);
      this.scanned -= this.start;
      this.start = 0;
      this.length = live;
      this.buffer = grown;
    }
    chunk.copy(this.buffer, this.length);
    this.length += chunk.length;
  }

  /** The end offset of the next complete reply, or -1 while it is still arriving. */
  private scan(): number {
    const data = this.buffer.subarray(0, this.length);
    while (this.scanned < this.length) {
      const lineEnd = data.indexOf(CRLF, this.scanned);
      if (lineEnd < 0) return -1;
      const marker = data[this.scanned];
      const count = marker === 0x24 || marker === 0x2a ? Number(data.toString('latin1', this.scanned + 1, lineEnd)) : 0;
      if (marker === 0x24 && count >= 0) {
        if (lineEnd + 2 + count + 2 > this.length) return -1;
        this.scanned = lineEnd + 2 + count + 2;
      } else {
        this.scanned = lineEnd + 2;
        if (marker === 0x2a && count > 0) {
          this.missing.push(count);
          continue;
        }
      }
      // One element is complete; it may complete the arrays around it too.
      while (this.missing.length > 0) {
        const top = this.missing.length - 1;
        this.missing[top]! -= 1;
        if (this.missing[top]! > 0) break;
        this.missing.pop();
      }
      if (this.missing.length === 0) return this.scanned;
    }
    return -1;
  }
}

/** Parses one reply known to be complete. */
class ReplyParser {
  private offset = 0;

  constructor(private readonly data: Buffer) {}

  parse(): Reply {
    const marker = String.fromCharCode(this.data[this.offset]!);
    this.offset += 1;
    switch (marker) {
      case '+':
        return { type: 'status', value: this.line('utf8') };
      case '-':
        return { type: 'error', value: this.line('utf8') };
      case ':':
        return { type: 'integer', value: this.line('latin1') };
      case '$':
        return this.bulk();
      case '*':
        return this.array();
      default:
        throw new Error(`Redis sent a reply this console cannot read (type byte "${marker}").`);
    }
  }

  private line(encoding: BufferEncoding): string {
    const end = this.data.indexOf(CRLF, this.offset);
    const text = this.data.toString(encoding, this.offset, end);
    this.offset = end + 2;
    return text;
  }

  private bulk(): Reply {
    const length = Number(this.line('latin1'));
    if (length < 0) return { type: 'nil' };
    const value = new Uint8Array(this.data.subarray(this.offset, this.offset + length));
    this.offset += length + 2;
    return { type: 'bulk', value };
  }

  private array(): Reply {
    const length = Number(this.line('latin1'));
    if (length < 0) return { type: 'nil' };
    const value: Reply[] = [];
    for (let i = 0; i < length; i += 1) value.push(this.parse());
    return { type: 'array', value };
  }
}
