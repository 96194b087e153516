import { connect, type Socket } from 'node:net';

/** One command Redis executed, as MONITOR reports it. */
export interface Monitored {
  /** `ip:port` of the client that sent it, or `lua` for a call made inside a script. */
  source: string;
  /** Its arguments as bytes, each a latin1 string (one char per byte). */
  argv: string[];
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', '"': '"', '\\': '\\' };

/**
 * Parses one MONITOR line, `1700000000.123456 [0 127.0.0.1:5555] "SET" "k" "v"`. Redis quotes each
 * argument with `sdscatrepr` (sds.c): `\"`, `\\`, `\n`, `\r`, `\t`, `\a`, `\b`, `\xHH`. ioredis's own
 * monitor() splits on `" "` and keeps the escapes, so a key holding a quote or a byte ≥ 0x80 would
 * reach the oracle misspelled; this reads the bytes back exactly.
 */
export function parseMonitorLine(line: string): Monitored | undefined {
  const open = line.indexOf('[');
  const close = line.indexOf(']', open);
  if (open < 0 || close < 0) return undefined;
  const source = line
    .slice(open + 1, close)
    .split(' ')
    .slice(1)
    .join(' ');
  const argv: string[] = [];
  let i = close + 1;
  while (i < line.length) {
    if (line[i] !== '"') {
      i += 1;
      continue;
    }
    let arg = '';
    for (i += 1; i < line.length && line[i] !== '"'; i += 1) {
      if (line[i] !== '\\') arg += line[i];
      else if (line[i + 1] === 'x') {
        arg += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
        i += 3;
      } else arg += ESCAPES[line[(i += 1)]!] ?? line[i];
    }
    argv.push(arg);
    i += 1;
  }
  return { source, argv };
}

/**
 * MONITOR on a raw socket of its own. Every line is kept in order; `until` waits for the first line
 * (after those already consumed) that matches and hands back everything up to and including it.
 */
export class Monitor {
  private buffer = '';
  private lines: Monitored[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.receive(chunk));
  }

  static async open(host: string, port: number): Promise<Monitor> {
    const socket = connect({ host, port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const monitor = new Monitor(socket);
    socket.write('MONITOR\r\n');
    return monitor;
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\r\n')) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      // `+OK` answers MONITOR itself; every other status line is one executed command.
      const parsed = line.startsWith('+') && line !== '+OK' ? parseMonitorLine(line.slice(1)) : undefined;
      if (parsed) this.lines.push(parsed);
    }
    for (const wake of this.waiters.splice(0)) wake();
  }

  async until(match: (entry: Monitored) => boolean, timeoutMs = 10_000): Promise<Monitored[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.lines.findIndex(match);
      if (at >= 0) return this.lines.splice(0, at + 1);
      if (Date.now() > deadline) throw new Error(`MONITOR never showed the expected line (${this.lines.length} lines pending)`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }

  close(): void {
    this.socket.destroy();
  }
}
