import 'server-only';
import type Redis from 'ioredis';
import type { NodeAddress } from '../configSchema';
import { describeKeys } from '../keys/describe';
import { redisNow } from '../keys/clock';
import { snapshotKeys } from '../keys/snapshot';
import type { HubMode, KeyEvent, KeyView } from '@/lib/keys/types';
import { addressOf, isCluster, nodeKey, primaries, type RedisClient } from '../redis/topology';
import { enableKeyspaceEvents } from './notifications';
import { logFailure } from '../log/logger';

export type { HubMode } from '@/lib/keys/types';
export type KeyListener = (events: KeyEvent[]) => void;

interface Audience {
  prefix: string;
  listeners: Set<KeyListener>;
  /** Keys changed since the last flush, with the events that touched them, in order. */
  dirty: Map<string, { full: Buffer; events: string[] }>;
  flushScheduled: boolean;
  /** Poll mode only: what the last poll saw. */
  last?: Map<string, KeyView>;
}

const NAMESPACED = /^sl:\{([0-9a-f]{16})\}:/;
/** Keyspace events after which the key no longer exists. */
const GONE_AFTER = new Set(['del', 'expired', 'evicted', 'rename_from']);
const POLL_MS = 1_000;

/**
 * One keyspace-notification subscriber per server process (per primary on a cluster, where each
 * node notifies only about its own keys), fanned out to the sessions that are listening. Where the
 * app may not enable notifications (a managed Redis), it polls each listening namespace once a
 * second instead, and says so.
 */
export class KeyEventHub {
  private readonly audiences = new Map<string, Audience>();
  private readonly subscribers = new Map<string, Redis>();
  private started: Promise<HubMode> | undefined;
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: RedisClient,
    private readonly makeSubscriber: (node: NodeAddress) => Redis,
    private readonly db: number,
  ) {}

  mode(): Promise<HubMode> {
    this.started ??= this.start().catch((error: unknown) => {
      this.started = undefined;
      throw error;
    });
    return this.started;
  }

  /** Listens to one namespace. The returned function stops listening and frees what it used. */
  async subscribe(namespaceId: string, prefix: string, listener: KeyListener): Promise<() => void> {
    await this.mode();
    let audience = this.audiences.get(namespaceId);
    if (!audience) {
      audience = { prefix, listeners: new Set(), dirty: new Map(), flushScheduled: false };
      this.audiences.set(namespaceId, audience);
    }
    audience.listeners.add(listener);
    return () => {
      audience.listeners.delete(listener);
      if (audience.listeners.size === 0 && this.audiences.get(namespaceId) === audience) this.audiences.delete(namespaceId);
    };
  }

  listenerCount(): number {
    let count = 0;
    for (const audience of this.audiences.values()) count += audience.listeners.size;
    return count;
  }

  close(): void {
    clearInterval(this.pollTimer);
    this.audiences.clear();
    for (const subscriber of this.subscribers.values()) subscriber.disconnect();
    this.subscribers.clear();
  }

  private async start(): Promise<HubMode> {
    if (!(await enableKeyspaceEvents(this.redis))) {
      this.pollTimer = setInterval(() => void this.pollAll(), POLL_MS);
      this.pollTimer.unref();
      return 'poll';
    }
    await this.followPrimaries();
    // ioredis refreshes the cluster's slot map every few seconds: a failover or a new primary
    // shows there, and gets its own subscriber.
    if (isCluster(this.redis)) this.redis.on('refresh', () => void this.followPrimaries().catch(logFailure("following the cluster's new primaries")));
    return 'push';
  }

  /** One subscriber on each current primary, and none on a node that no longer is one. */
  private async followPrimaries(): Promise<void> {
    const nodes = (await primaries(this.redis)).map(addressOf);
    const wanted = new Set(nodes.map(nodeKey));
    for (const [key, subscriber] of this.subscribers) {
      if (wanted.has(key)) continue;
      subscriber.disconnect();
      this.subscribers.delete(key);
    }
    const added = nodes.filter((node) => !this.subscribers.has(nodeKey(node)));
    if (added.length && this.subscribers.size) await enableKeyspaceEvents(this.redis);
    await Promise.all(added.map((node) => this.listenOn(node)));
  }

  private async listenOn(node: NodeAddress): Promise<void> {
    const subscriber = this.makeSubscriber(node);
    this.subscribers.set(nodeKey(node), subscriber);
    subscriber.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => this.onNotification(channel, message));
    await subscriber.psubscribe(`__keyspace@${this.db}__:sl:{*}:*`);
  }

  private onNotification(channel: Buffer, message: Buffer): void {
    const full = channel.subarray(channel.indexOf(':') + 1);
    const match = NAMESPACED.exec(full.toString('latin1'));
    const audience = match ? this.audiences.get(match[1]!) : undefined;
    if (!audience) return;
    const id = full.toString('latin1');
    const entry = audience.dirty.get(id) ?? { full, events: [] };
    entry.events.push(message.toString());
    audience.dirty.set(id, entry);
    if (!audience.flushScheduled) {
      audience.flushScheduled = true;
      // Events that arrive together (a script, a race) are described in one round trip.
      setImmediate(() => void this.flush(audience));
    }
  }

  private async flush(audience: Audience): Promise<void> {
    audience.flushScheduled = false;
    const entries = [...audience.dirty.values()];
    audience.dirty.clear();
    try {
      // A key whose last event removed it needs no round trip: it is gone.
      const gone = entries.map((e) => GONE_AFTER.has(e.events.at(-1)!));
      const asked = entries.filter((_, i) => !gone[i]);
      const [described, at] = await Promise.all([
        describeKeys(
          this.redis,
          audience.prefix,
          asked.map((e) => e.full),
        ),
        redisNow(this.redis),
      ]);
      let next = 0;
      const views = gone.map((isGone) => (isGone ? null : described[next++]));
      // Every event of the batch carries the key's state after the batch.
      const events: KeyEvent[] = entries.flatMap((entry, i) => {
        const key = entry.full.subarray(Buffer.byteLength(audience.prefix)).toString('utf8');
        return entry.events.map((event) => ({ event, key, view: views[i] ?? null, at }));
      });
      for (const listener of audience.listeners) listener(events);
    } catch (error) {
      // Redis went away mid-flush; the streams send a fresh snapshot when it is back.
      logFailure('describing key events for a keys panel', { prefix: audience.prefix })(error);
    }
  }

  private async pollAll(): Promise<void> {
    for (const audience of this.audiences.values()) {
      try {
        const [views, at] = await Promise.all([snapshotKeys(this.redis, audience.prefix), redisNow(this.redis)]);
        const now = new Map(views.map((v) => [v.key, v]));
        const events: KeyEvent[] = [];
        for (const [key, view] of now) {
          const before = audience.last?.get(key);
          if (!before || JSON.stringify(before) !== JSON.stringify(view)) events.push({ event: before ? 'changed' : 'set', key, view, at });
        }
        for (const key of audience.last?.keys() ?? []) if (!now.has(key)) events.push({ event: 'removed', key, view: null, at });
        audience.last = now;
        if (events.length) for (const listener of audience.listeners) listener(events);
      } catch {
        // Try again on the next tick.
      }
    }
  }
}
