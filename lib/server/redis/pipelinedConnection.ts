import 'server-only';
import type net from 'node:net';
import type { RedisEndpoint } from '../configSchema';
import { CommandWriter, type Arg } from './commandWriter';
import { handshakeCommands, openSocket } from './socket';
import { ReplyError, ValueDecoder, type RespValue } from './valueDecoder';

/** Turns a reply into what the caller wants, e.g. `+OK` into true, without a `.then` per command. */
export type ReplyMap = (value: RespValue) => unknown;
type Resolve = (value: unknown) => void;
type Reject = (error: Error) => void;

const settled = () => undefined;
/** Consumed entries of the reply queue are dropped in one splice once there are this many. */
const COMPACT_AFTER = 4_096;

/** ioredis' words for the same thing, which the API maps to "Redis is not reachable" (503). */
export class ConnectionClosedError extends Error {
  constructor(cause?: unknown) {
    super('Connection is closed.', { cause });
  }
}

/**
 * A RESP2 connection built for bursts. Every command issued in one turn of the event loop goes out
 * in one write, and each reply settles its command as soon as it is read. ioredis'
 * auto-pipelining settles a batch only once all of it has answered, and allocates a dozen objects
 * per command; in a 10,000-client race, copying them in the garbage collector was the largest
 * single cost.
 *
 * Like the console's connection it never replays: a lost connection fails the commands in flight,
 * and the next command connects afresh.
 */
export class PipelinedConnection {
  private socket: net.Socket | undefined;
  private ready = false;
  private closed = false;
  private failure: Error | undefined;
  private readonly outgoing = new CommandWriter();
  // One entry per command sent or queued, in order; replies consume them from `head`.
  private resolves: Resolve[] = [];
  private rejects: Reject[] = [];
  private maps: (ReplyMap | undefined)[] = [];
  private head = 0;
  private handshakeLeft = 0;
  private flushQueued = false;
  private lastProgress = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly decoder = new ValueDecoder((value) => this.onReply(value));
  private nextResolve!: Resolve;
  private nextReject!: Reject;
  // One executor for every promise: capturing the resolvers costs no closure per command.
  private readonly capture = (resolve: Resolve, reject: Reject) => {
    this.nextResolve = resolve;
    this.nextReject = reject;
  };
  private readonly flush = () => this.writeQueued();
  private readonly checkTimeout = () => this.onTimer();

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly replyTimeoutMs: number,
  ) {}

  /** Sends one command; its reply, or a ReplyError for an error reply. */
  call(args: readonly Arg[], map?: ReplyMap): Promise<unknown> {
    if (this.closed) return Promise.reject(new ConnectionClosedError());
    this.outgoing.command(args);
    return this.expectReply(map);
  }

  /** Sends a command encoded once with `encodeCommand`, for one sent thousands of times. */
  send(encoded: Buffer, map?: ReplyMap): Promise<unknown> {
    if (this.closed) return Promise.reject(new ConnectionClosedError());
    this.outgoing.append(encoded);
    return this.expectReply(map);
  }

  private expectReply(map: ReplyMap | undefined): Promise<unknown> {
    const promise = new Promise(this.capture);
    this.resolves.push(this.nextResolve);
    this.rejects.push(this.nextReject);
    this.maps.push(map);
    if (!this.flushQueued) {
      this.flushQueued = true;
      // Once this turn of the event loop has run its timers and read its sockets: every client woken
      // in it joins the same write. A race's clients wake on timers of their own (backoff, jitter),
      // and flushing after each one cost a system call per client, the largest cost of a busy server.
      setImmediate(this.flush);
    }
    return promise;
  }

  /** Drops the connection as a server restart would: what is in flight fails, the next command reconnects. */
  drop(): void {
    this.lose(this.socket, new ConnectionClosedError());
  }

  close(): void {
    this.closed = true;
    this.drop();
  }

  private get pending(): number {
    return this.resolves.length - this.head;
  }

  private writeQueued(): void {
    this.flushQueued = false;
    if (this.outgoing.empty) return;
    if (!this.socket) this.connect();
    if (!this.ready) return;
    this.socket!.write(this.outgoing.take());
    this.lastProgress = performance.now();
    this.timer ??= setTimeout(this.checkTimeout, this.replyTimeoutMs);
  }

  private connect(): void {
    const socket = openSocket(this.endpoint, () => {
      if (this.socket !== socket) return;
      // Before anything queued.
      const handshake = handshakeCommands(this.endpoint);
      this.handshakeLeft = handshake.length;
      if (handshake.length > 0) {
        const writer = new CommandWriter();
        for (const command of handshake) writer.command(command);
        socket.write(writer.take());
      }
      this.ready = true;
      this.writeQueued();
    });
    this.socket = socket;
    this.failure = undefined;
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      this.lastProgress = performance.now();
      this.decoder.write(chunk);
    });
    socket.on('error', (error) => {
      if (this.socket === socket) this.failure ??= error;
    });
    socket.on('close', () => this.lose(socket, new ConnectionClosedError(this.failure)));
  }

  private onReply(value: RespValue): void {
    if (this.handshakeLeft > 0) {
      this.handshakeLeft -= 1;
      if (value instanceof ReplyError) this.lose(this.socket, new ConnectionClosedError(value));
      return;
    }
    const i = this.head;
    if (i >= this.resolves.length) return;
    this.head += 1;
    const map = this.maps[i];
    const resolve = this.resolves[i]!;
    const reject = this.rejects[i]!;
    // Let go of the settled command at once: a burst's replies must not outlive their reads.
    this.resolves[i] = this.rejects[i] = settled;
    if (value instanceof ReplyError) reject(value);
    else resolve(map ? map(value) : value);
    if (this.head >= COMPACT_AFTER) this.compact();
  }

  private compact(): void {
    this.resolves.splice(0, this.head);
    this.rejects.splice(0, this.head);
    this.maps.splice(0, this.head);
    this.head = 0;
  }

  /** One timer per connection, not per command: it only looks whether replies stopped coming. */
  private onTimer(): void {
    this.timer = undefined;
    if (this.pending === 0) return;
    const quiet = performance.now() - this.lastProgress;
    if (quiet < this.replyTimeoutMs) this.timer = setTimeout(this.checkTimeout, this.replyTimeoutMs - quiet);
    else this.lose(this.socket, new ConnectionClosedError(new Error(`no reply within ${this.replyTimeoutMs} ms`)));
  }

  private lose(socket: net.Socket | undefined, error: Error): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    this.ready = false;
    this.handshakeLeft = 0;
    this.decoder.reset();
    socket?.destroy();
    clearTimeout(this.timer);
    this.timer = undefined;
    const rejects = this.rejects.slice(this.head);
    this.resolves = [];
    this.rejects = [];
    this.maps = [];
    this.outgoing.clear();
    this.head = 0;
    for (const reject of rejects) reject(error);
  }
}
