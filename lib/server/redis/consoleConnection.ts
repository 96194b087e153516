import net from 'node:net';
import tls from 'node:tls';
import type { Reply } from '@/lib/cli/reply';
import type { RedisEndpoint } from '../configSchema';
import { encodeCommand, RespDecoder } from './resp';

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

const CONNECT_TIMEOUT_MS = 2_000;

/**
 * One learner's RESP2 connection. It never replays a command after a reconnect (ioredis would
 * re-send queued commands, running an INCR twice); a lost connection fails the commands in flight
 * and the next script connects afresh.
 */
export class ConsoleConnection {
  private socket: net.Socket | undefined;
  private connecting: Promise<net.Socket> | undefined;
  private readonly pending: Pending[] = [];
  private lastReplyAt = 0;
  private replyTimer: NodeJS.Timeout | undefined;
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
    socket.write(Buffer.concat(commands.map(encodeCommand)));
    this.armTimer();
    return Promise.all(replies);
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
    const { host, port } = this.endpoint;
    try {
      await this.beforeConnect?.();
    } catch (error) {
      throw new RedisUnavailableError(error);
    }
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = this.endpoint.tls ? tls.connect({ host, port, servername: host }) : net.connect({ host, port });
      const timer = setTimeout(() => s.destroy(new Error('connect timeout')), CONNECT_TIMEOUT_MS);
      s.once(this.endpoint.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (error) => {
        clearTimeout(timer);
        reject(new RedisUnavailableError(error));
      });
    });
    socket.setNoDelay(true);
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
    const steps = this.handshakeCommands();
    if (steps.length === 0) return;
    const replies = steps.map(() => this.expectReply());
    socket.write(Buffer.concat(steps.map(encodeCommand)));
    this.armTimer();
    for (const { reply } of await Promise.all(replies)) {
      if (reply.type === 'error') {
        socket.destroy();
        throw new RedisUnavailableError(new Error(reply.value));
      }
    }
  }

  private handshakeCommands(): Uint8Array[][] {
    const { username, password, db } = this.endpoint;
    const bytes = (...words: string[]) => words.map((w) => Buffer.from(w));
    const steps: Uint8Array[][] = [];
    if (password) steps.push(username ? bytes('AUTH', username, password) : bytes('AUTH', password));
    if (db) steps.push(bytes('SELECT', String(db)));
    return steps;
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
    clearTimeout(this.replyTimer);
    for (const waiting of this.pending.splice(0)) waiting.reject(error);
  }
}
