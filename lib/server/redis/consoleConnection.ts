import type net from 'node:net';
import type { Reply } from '@/lib/cli/reply';
import type { RedisEndpoint } from '../configSchema';
import { CommandWriter, type Arg } from './commandWriter';
import { latin1 } from '../latin1';
import { RespDecoder } from './resp';
import { handshakeCommands, openSocket } from './socket';

export class RedisUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('Redis is not reachable right now. Your script is kept; run it again when Redis is back.', { cause });
  }
}

/**
 * Redis itself closed the connection while replies were due. Either Redis went away, or it cut this
 * one connection off, as it does when a reply outgrows `client-output-buffer-limit`; the caller can
 * tell the two apart by asking Redis on another connection.
 */
export class ClosedByRedisError extends RedisUnavailableError {}

export interface TimedReply {
  reply: Reply;
  /** Time from the previous reply (or the send) to this one: the command's share of the round trip. */
  ms: number;
  /** Its size on the wire; 0 for a reply the app made up (a refusal). */
  bytes?: number;
}

interface Pending {
  resolve: (value: TimedReply) => void;
  reject: (error: Error) => void;
}

/** Commands as one write. */
function encode(commands: readonly (readonly Arg[])[]): Buffer {
  const writer = new CommandWriter();
  for (const command of commands) writer.command(command);
  return writer.take();
}

/**
 * One learner's RESP2 connection, with its own decoder because ioredis decodes `+OK` and `$2 OK`
 * to the same value, and redis-cli prints them differently. A lost connection fails the commands
 * in flight, and the next script connects afresh.
 */
export class ConsoleConnection {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private readonly pending: Pending[] = [];
  private lastReplyAt = 0;
  private replyTimer: NodeJS.Timeout | undefined;
  private transaction = false;
  lastUsed = Date.now();

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly replyTimeoutMs: number,
    /** Runs before every (re)connect, e.g. to (re)create the session's Redis user. */
    private readonly beforeConnect?: () => Promise<void>,
  ) {}

  /** Sends the commands in one write and resolves each reply in order. */
  async send(commands: readonly Uint8Array[][]): Promise<TimedReply[]> {
    this.lastUsed = Date.now();
    const socket = await this.connect();
    const replies = commands.map(() => this.expectReply());
    if (this.pending.length === commands.length) this.lastReplyAt = performance.now();
    socket.write(encode(commands));
    this.armTimer();
    const answered = await Promise.all(replies);
    commands.forEach((command, i) => this.followTransaction(command, answered[i]!.reply));
    return answered;
  }

  /**
   * Whether Redis is queueing this connection's commands for an EXEC (a MULTI was accepted and no
   * EXEC or DISCARD has answered since). It outlives a run: a learner may run MULTI and EXEC apart.
   */
  get inTransaction(): boolean {
    return this.transaction;
  }

  private followTransaction(command: readonly Uint8Array[], reply: Reply): void {
    const name = latin1(command[0]!).toLowerCase();
    if (name === 'multi' && reply.type === 'status') this.transaction = true;
    else if (name === 'exec' || name === 'discard') this.transaction = false;
  }

  close(): void {
    this.fail(new RedisUnavailableError());
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }

  get idleMs(): number {
    return this.pending.length > 0 ? 0 : Date.now() - this.lastUsed;
  }

  private expectReply(): Promise<TimedReply> {
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  private connect(): Promise<net.Socket> {
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<net.Socket> {
    try {
      await this.beforeConnect?.();
    } catch (error) {
      throw new RedisUnavailableError(error);
    }
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      openSocket(this.endpoint, resolve).once('error', (error) => reject(new RedisUnavailableError(error)));
    });
    const decoder = new RespDecoder((reply, bytes) => this.onReply(reply, bytes));
    socket.on('data', (chunk: Buffer) => decoder.write(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const ours = this.socket !== socket;
      if (!ours) this.socket = undefined;
      this.fail(ours ? new RedisUnavailableError() : new ClosedByRedisError());
    });
    await this.runHandshake(socket);
    this.socket = socket;
    return socket;
  }

  private async runHandshake(socket: net.Socket): Promise<void> {
    const steps = handshakeCommands(this.endpoint);
    if (steps.length === 0) return;
    const replies = steps.map(() => this.expectReply());
    socket.write(encode(steps));
    this.armTimer();
    for (const { reply } of await Promise.all(replies)) {
      if (reply.type === 'error') {
        socket.destroy();
        throw new RedisUnavailableError(new Error(reply.value));
      }
    }
  }

  private onReply(reply: Reply, bytes: number): void {
    const next = this.pending.shift();
    if (!next) return;
    const now = performance.now();
    next.resolve({ reply, ms: now - this.lastReplyAt, bytes });
    this.lastReplyAt = now;
    this.armTimer();
  }

  /** A reply that never comes (a runaway script, a stalled server) must not hang the learner. */
  private armTimer(): void {
    clearTimeout(this.replyTimer);
    if (this.pending.length === 0) return;
    this.replyTimer = setTimeout(() => {
      const socket = this.socket;
      this.socket = undefined;
      socket?.destroy();
      this.fail(new RedisUnavailableError(new Error('reply timeout')));
    }, this.replyTimeoutMs);
  }

  private fail(error: Error): void {
    // A lost connection takes its transaction with it.
    this.transaction = false;
    clearTimeout(this.replyTimer);
    for (const waiting of this.pending.splice(0)) waiting.reject(error);
  }
}
