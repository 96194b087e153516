import 'server-only';
import type Redis from 'ioredis';
import type { NodeAddress } from '../configSchema';
import { describeKeys } from '../keys/describe';
import { redisNow } from '../keys/clock';
import { snapshotKeys } from '../keys/snapshot';
import { KEY_LOG_LIMIT, type HubMode, type KeyEvent, type KeyView } from '@/lib/keys/types';
import { addressOf, isCluster, nodeKey, primaries, type RedisClient } from '../redis/topology';
import { batchOf } from './batch';
import { ChangeRate, KEY_CHANGES_PER_10S } from './changeRate';
import { enableKeyspaceEvents } from './notifications';
import { logFailure } from '../log/logger';

export type { HubMode } from '@/lib/keys/types';

/** One keys panel's line to the hub. */
export interface KeyListener {
  /** Changes to the namespace's keys, in order. */
  onEvents(events: KeyEvent[]): void;
  /** Changes were not delivered (the subscriber's connection dropped, or too many keys changed at once): read the keys afresh. */
  onLost(): void;
}

interface Audience {
  prefix: string;
  listeners: Set<KeyListener>;
  /** Keys changed since the last flush, with the last events that touched them, in order. */
  dirty: Map<string, { full: Buffer; events: string[] }>;
  /** More keys changed since the last flush than one flush describes: the listeners read afresh instead. */
  lost: boolean;
  flushScheduled: boolean;
  /** Poll mode only: what the last poll saw. */
  last?: Map<string, KeyView>;
}

/** A namespace's keys are `sl:{<16 hex digits>}:<name>`. */
const NAMESPACE_OPENING = 'sl:{';
const ID_LENGTH = 16;
const CLOSE_BRACE = '}'.charCodeAt(0);
const COLON = ':'.charCodeAt(0);
/** Keyspace events after which the key no longer exists. */
const GONE_AFTER = new Set(['del', 'expired', 'evicted', 'rename_from']);
const POLL_MS = 1_000;
/**
 * The most keys one flush describes, in one round trip. A script can write a key a million times in
 * half a second, or touch thousands of keys, but a panel shows each key's state and keeps the last
 * KEY_LOG_LIMIT events: the hub holds no more of a key's events than that, and where more keys
 * changed than this, a fresh snapshot (itself bounded) replaces the batch.
 */
const KEYS_PER_FLUSH = 200;
const CATCH_UP_LIMIT_MS = 2_000;
/** About as fast as Redis writes one key in a script loop. */
const WRITES_PER_MS = 1_000;

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
  /** Subscribed to keyspace notifications (push mode). */
  private listening = false;
  /**
   * How often a subscriber's live connection has closed: what Redis had queued for it was never
   * read. A run compares it across a chunk (accountFor).
   */
  drops = 0;
  private pollTimer: NodeJS.Timeout | undefined;
  /** Where the namespace id starts in a keyspace channel's name. */
  private readonly channelHead: number;
  /** How often each namespace's keys changed lately; counted while the hub listens (push mode). */
  readonly changeRate = new ChangeRate();

  constructor(
    private readonly redis: RedisClient,
    private readonly makeSubscriber: (node: NodeAddress) => Redis,
    private readonly db: number,
  ) {
    this.channelHead = Buffer.byteLength(`__keyspace@${db}__:${NAMESPACE_OPENING}`);
  }

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
      audience = { prefix, listeners: new Set(), dirty: new Map(), lost: false, flushScheduled: false };
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
    this.listening = false;
    clearInterval(this.pollTimer);
    this.audiences.clear();
    for (const subscriber of this.subscribers.values()) subscriber.disconnect();
    this.subscribers.clear();
  }

  /**
   * Runs a chunk that may run a learner's scripts (which can write a million times) and counts what
   * it changed against the namespace before the caller decides on the next chunk: it waits until
   * the hub has heard the chunk's changes. If a subscriber's connection closed meanwhile, what the
   * chunk wrote may have gone with it (Redis drops a subscriber 32 MB behind), so the chunk is
   * charged as if it had written at Redis's top speed all along, and at least a quarter of the share:
   * dropping the subscriber every panel shares is never free.
   */
  async accountFor<T>(namespaceId: string, work: () => Promise<T>): Promise<T> {
    const drops = this.drops;
    const started = performance.now();
    const result = await work();
    await this.caughtUp();
    if (this.drops !== drops) {
      const charged = Math.max((performance.now() - started) * WRITES_PER_MS, KEY_CHANGES_PER_10S / 4);
      this.changeRate.add(namespaceId, Math.ceil(charged));
    }
    return result;
  }

  /**
   * Resolves once the hub has read every notification Redis sent it before this call: a PING on a
   * subscriber is answered after everything queued for it. Immediate while the hub does not listen;
   * bounded, so a run never hangs on a subscriber that stopped answering.
   */
  async caughtUp(): Promise<void> {
    if (!this.listening) return;
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, CATCH_UP_LIMIT_MS)));
    // A subscriber that is reconnecting has nothing to catch up on: its panels will read afresh.
    const ready = [...this.subscribers.values()].filter((subscriber) => subscriber.status === 'ready');
    const heard = Promise.all(ready.map((subscriber) => subscriber.ping().catch(() => undefined)));
    await Promise.race([heard, bound]);
    clearTimeout(timer);
  }

  private async start(): Promise<HubMode> {
    if (!(await enableKeyspaceEvents(this.redis))) {
      this.pollTimer = setInterval(() => void this.pollAll(), POLL_MS);
      this.pollTimer.unref();
      return 'poll';
    }
    await this.followPrimaries();
    this.listening = true;
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
    // A primary that took over (a failover) notified nobody until now: the panels read afresh.
    if (added.length && this.listening) this.loseAll();
  }

  private async listenOn(node: NodeAddress): Promise<void> {
    const subscriber = this.makeSubscriber(node);
    const pattern = `__keyspace@${this.db}__:${NAMESPACE_OPENING}*}:*`;
    this.subscribers.set(nodeKey(node), subscriber);
    subscriber.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => this.onNotification(channel, message));
    await subscriber.psubscribe(pattern);
    // Whatever Redis published while the connection was down is gone: Redis drops a subscriber
    // that falls 32 MB behind, which one session's write loop can cause. Once the subscription is
    // back (asking again waits for it; ioredis's own resubscription gives no sign), every panel
    // reads its keys afresh, so no session's panel stays wrong because of another's flood.
    let connected = true;
    subscriber.on('ready', () => {
      connected = true;
      subscriber.psubscribe(pattern).then(() => this.loseAll(), logFailure('subscribing again to keyspace notifications'));
    });
    // Only a live connection lost anything: not an attempt that failed while Redis restarted or was busy.
    subscriber.on('close', () => {
      if (connected) this.drops += 1;
      connected = false;
    });
  }

  private loseAll(): void {
    for (const audience of this.audiences.values()) {
      audience.dirty.clear();
      for (const listener of audience.listeners) listener.onLost();
    }
  }

  /**
   * Runs once per write anyone makes, a million times a second in a flood: the namespace is read at
   * its fixed place in the channel (`__keyspace@0__:sl:{0123456789abcdef}:name`), and only the
   * writes of a namespace with an open panel go further.
   */
  private onNotification(channel: Buffer, message: Buffer): void {
    const idAt = this.channelHead;
    if (channel[idAt + ID_LENGTH] !== CLOSE_BRACE || channel[idAt + ID_LENGTH + 1] !== COLON) return;
    const namespaceId = channel.toString('latin1', idAt, idAt + ID_LENGTH);
    this.changeRate.add(namespaceId);
    const audience = this.audiences.get(namespaceId);
    if (!audience || audience.lost) return;
    const full = channel.subarray(idAt - NAMESPACE_OPENING.length);
    const id = full.toString('latin1');
    const entry = audience.dirty.get(id) ?? { full, events: [] };
    entry.events.push(message.toString());
    // Only the last KEY_LOG_LIMIT are sent; trimmed in bulk, since this runs once per write.
    if (entry.events.length === 2 * KEY_LOG_LIMIT) entry.events.splice(0, KEY_LOG_LIMIT);
    audience.dirty.set(id, entry);
    if (audience.dirty.size > KEYS_PER_FLUSH) {
      audience.lost = true;
      audience.dirty.clear();
    }
    if (!audience.flushScheduled) {
      audience.flushScheduled = true;
      // Events that arrive together (a script, a race) are described in one round trip.
      setImmediate(() => void this.flush(audience));
    }
  }

  private async flush(audience: Audience): Promise<void> {
    audience.flushScheduled = false;
    if (audience.lost) {
      audience.lost = false;
      for (const listener of audience.listeners) listener.onLost();
      return;
    }
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
      const prefixBytes = Buffer.byteLength(audience.prefix);
      const changed = entries.map((entry, i) => ({ key: entry.full.subarray(prefixBytes).toString('utf8'), events: entry.events, view: views[i] ?? null }));
      const events = batchOf(changed, at);
      for (const listener of audience.listeners) listener.onEvents(events);
    } catch (error) {
      // Redis went away mid-flush: the panels read afresh (a stream says Redis is unreachable if it still is).
      logFailure('describing key events for a keys panel', { prefix: audience.prefix })(error);
      for (const listener of audience.listeners) listener.onLost();
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
        if (events.length) for (const listener of audience.listeners) listener.onEvents(events);
      } catch {
        // Try again on the next tick.
      }
    }
  }
}
