import 'server-only';
import type { Reply } from '@/lib/cli/reply';
import type { NodeAddress, RedisEndpoint } from '../configSchema';
import { appRedis } from './client';
import { ConsoleConnection, RedisUnavailableError, type TimedReply } from './consoleConnection';
import { isCluster, ownerAddress } from './topology';
import { slotOf } from './slot';

/** What the executor needs from a learner's connection, on one server or on a cluster. */
export type LearnerConsole = Pick<ConsoleConnection, 'send' | 'close' | 'idleMs' | 'inTransaction'>;

/** As redis-cli -c, which gives up after this many redirections of one command. */
const MAX_REDIRECTS = 16;
const REDIRECT = /^(MOVED|ASK) \d+ (.*):(\d+)$/;

interface Redirect {
  index: number;
  kind: 'MOVED' | 'ASK';
  to: NodeAddress;
}

function redirectOf(reply: Reply, index: number, from: NodeAddress): Redirect | undefined {
  const match = reply.type === 'error' ? REDIRECT.exec(reply.value) : null;
  // Redis leaves the host out when the client should reuse the one it used.
  return match ? { index, kind: match[1] as Redirect['kind'], to: { host: match[2] || from.host, port: Number(match[3]) } } : undefined;
}

/**
 * A learner's console on a Redis Cluster. Every key of a session shares one slot, so one
 * connection to that slot's primary serves the whole session. When the slot moves (resharding,
 * failover) Redis refuses the command with MOVED without running it; the console then follows it
 * to the new owner and sends the refused commands there, as `redis-cli -c` does. ASK (a slot in
 * the middle of a migration) sends just that command to the importing node, after ASKING.
 */
class ClusterConsole implements LearnerConsole {
  private connection: ConsoleConnection | undefined;
  private owner: NodeAddress | undefined;
  private lastUsed = Date.now();

  constructor(
    private readonly endpoint: RedisEndpoint,
    private readonly slotKey: string,
    private readonly replyTimeoutMs: number,
    private readonly beforeConnect?: () => Promise<void>,
  ) {}

  get idleMs(): number {
    return Math.min(Date.now() - this.lastUsed, this.connection?.idleMs ?? Infinity);
  }

  get inTransaction(): boolean {
    return this.connection?.inTransaction ?? false;
  }

  async send(commands: readonly Uint8Array[][]): Promise<TimedReply[]> {
    this.lastUsed = Date.now();
    const replies = await this.sendToOwner(commands);
    for (let hop = 0; hop < MAX_REDIRECTS; hop += 1) {
      const redirects = replies.flatMap((r, i) => redirectOf(r.reply, i, this.owner!) ?? []);
      if (redirects.length === 0) break;
      const moved = redirects.filter((r) => r.kind === 'MOVED');
      const asked = redirects.filter((r) => r.kind === 'ASK');
      if (moved.length) {
        this.moveTo(moved[0]!.to);
        const again = await this.sendToOwner(moved.map((r) => commands[r.index]!));
        moved.forEach((r, i) => (replies[r.index] = again[i]!));
      }
      for (const r of asked) replies[r.index] = await this.ask(r.to, commands[r.index]!);
    }
    return replies;
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }

  private async sendToOwner(commands: readonly Uint8Array[][]): Promise<TimedReply[]> {
    if (!this.connection) {
      const cluster = appRedis();
      if (!isCluster(cluster)) throw new Error('ClusterConsole needs REDIS_CLUSTER_NODES.');
      this.moveTo(await ownerAddress(cluster, slotOf(this.slotKey)));
    }
    try {
      return await this.connection!.send(commands);
    } catch (error) {
      // The node may be gone for good (a failover); the next script asks the cluster again.
      if (error instanceof RedisUnavailableError) this.close();
      throw error;
    }
  }

  private moveTo(owner: NodeAddress): void {
    this.connection?.close();
    this.owner = owner;
    this.connection = new ConsoleConnection({ ...this.endpoint, ...owner }, this.replyTimeoutMs, this.beforeConnect);
  }

  private async ask(to: NodeAddress, command: readonly Uint8Array[]): Promise<TimedReply> {
    const once = new ConsoleConnection({ ...this.endpoint, ...to }, this.replyTimeoutMs, this.beforeConnect);
    try {
      const [, reply] = await once.send([[Buffer.from('ASKING')], [...command]]);
      return reply!;
    } finally {
      once.close();
    }
  }
}

/** The console for a session: one socket to the Redis, or to the primary owning the session's slot. */
export function learnerConsole(endpoint: RedisEndpoint, slotKey: string, replyTimeoutMs: number, beforeConnect?: () => Promise<void>): LearnerConsole {
  return isCluster(appRedis())
    ? new ClusterConsole(endpoint, slotKey, replyTimeoutMs, beforeConnect)
    : new ConsoleConnection(endpoint, replyTimeoutMs, beforeConnect);
}
