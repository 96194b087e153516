import 'server-only';
import { appRedis, channelSubscriber } from './client';
import type { RedisClient } from './topology';
import { logFailure } from '../log/logger';
import { processGlobal } from '../processGlobal';

type Listener = (message: string) => void;

/**
 * Announcements between app instances over sharded pub/sub (SSUBSCRIBE/SPUBLISH, Redis ≥ 7). On a
 * cluster a sharded message stays on the shard that owns the channel's slot instead of being
 * copied to every node, and a channel with a hash tag (`sl:{room-…}#feed`) lives beside the keys
 * it is about. Each process holds one subscriber and subscribes to a channel while someone there
 * listens.
 */
class ChannelFeed {
  private readonly channels = new Map<string, { listeners: Set<Listener>; subscribed: Promise<unknown> }>();
  private subscriber: RedisClient | undefined;

  private connection(): RedisClient {
    if (!this.subscriber) {
      this.subscriber = channelSubscriber();
      this.subscriber.on('smessage', (channel: string, message: string) => this.deliver(channel, message));
    }
    return this.subscriber;
  }

  private deliver(channel: string, message: string): void {
    for (const listener of this.channels.get(channel)?.listeners ?? []) listener(message);
  }

  /** Resolves once subscribed; the returned function stops listening. */
  async listen(channel: string, listener: Listener): Promise<() => void> {
    let entry = this.channels.get(channel);
    if (!entry) {
      entry = { listeners: new Set(), subscribed: this.connection().ssubscribe(channel) };
      this.channels.set(channel, entry);
    }
    entry.listeners.add(listener);
    await entry.subscribed;
    const subscribed = entry;
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size || this.channels.get(channel) !== subscribed) return;
      this.channels.delete(channel);
      this.connection().sunsubscribe(channel).catch(logFailure('unsubscribing from a channel', { channel }));
    };
  }
}

export function channelFeed(): ChannelFeed {
  return processGlobal('channelFeed', () => new ChannelFeed());
}

/** Publishes to a sharded channel; answers how many subscribers (app processes) heard it. */
export async function publish(channel: string, message: string): Promise<number> {
  return Number(await appRedis().spublish(channel, message));
}
