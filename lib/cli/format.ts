import { reprBytes } from './escape';
import type { Reply } from './reply';

/** What redis-cli prints when it cannot split a line into arguments. */
export const INVALID_ARGUMENTS = 'Invalid argument(s)';

/**
 * Formats a reply exactly as `redis-cli --no-raw` prints it (redis 7.0 `cliFormatReplyTTY`,
 * https://github.com/redis/redis/blob/7.0/src/redis-cli.c), without the final newline.
 */
export function formatReply(reply: Reply): string {
  return formatReplyWithin(reply, Infinity).text;
}

/**
 * The same, but it stops once `limit` characters are written: a 20 MB reply is never formatted
 * whole (that held the server's event loop for seconds), only as much of it as will be shown.
 */
export function formatReplyWithin(reply: Reply, limit: number): { text: string; truncated: boolean } {
  const out = new Output(limit);
  write(out, reply, '');
  const text = out.text();
  return out.truncated ? { text: text.slice(0, limit), truncated: true } : { text: text.slice(0, -1), truncated: false };
}

class Output {
  private readonly parts: string[] = [];
  length = 0;
  truncated = false;

  constructor(readonly limit: number) {}

  get room(): number {
    return this.limit - this.length;
  }

  push(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    // The final newline is dropped, so a reply of exactly `limit` characters still fits.
    if (this.length > this.limit + 1) this.truncated = true;
  }

  text(): string {
    return this.parts.join('');
  }
}

/**
 * Every line ends in `\n`, as in redis-cli. `prefix` indents the second and later elements of an
 * array; the first follows its parent's `N) ` on the same line.
 */
function write(out: Output, reply: Reply, prefix: string): void {
  switch (reply.type) {
    case 'status':
      return out.push(`${reply.value}\n`);
    case 'error':
      return out.push(`(error) ${reply.value}\n`);
    case 'integer':
      return out.push(`(integer) ${reply.value}\n`);
    case 'nil':
      return out.push('(nil)\n');
    case 'bulk':
      // Every byte becomes at least one character, so no more bytes than there is room for are escaped.
      if (reply.value.length > out.room) {
        out.truncated = true;
        return out.push(reprBytes(reply.value.subarray(0, Math.max(out.room, 0))));
      }
      return out.push(`${reprBytes(reply.value)}\n`);
    case 'array':
      return writeArray(out, reply.value, prefix);
  }
}

function writeArray(out: Output, elements: Reply[], prefix: string): void {
  if (elements.length === 0) return out.push('(empty array)\n');
  // Indices are right-aligned to the widest one (`%*d) `), and nested elements are indented past it.
  const width = String(elements.length).length;
  const nestedPrefix = prefix + ' '.repeat(width + 2);
  for (let i = 0; i < elements.length; i += 1) {
    if (out.truncated || out.room <= 0) {
      out.truncated = true;
      return;
    }
    out.push(`${i === 0 ? '' : prefix}${String(i + 1).padStart(width)}) `);
    write(out, elements[i]!, nestedPrefix);
  }
}
