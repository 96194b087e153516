import 'server-only';
import type Redis from 'ioredis';
import type { RoomEvent } from '@/lib/workshop/types';
import { appRedis, subscriberConnection } from '../redis/client';
import { roomKeys } from './keys';

type Listener = (event: RoomEvent) => void;

/**
 * A room's announcements travel through Redis pub/sub, so every app instance hears them; each
 * process holds one subscriber and subscribes to a room's channel while someone there listens.
 */
class RoomFeed {
  private readonly rooms = new Map<string, { listeners: Set<Listener>; subscribed: Promise<unknown> }>();
  private subscriber: Redis | undefined;

  private connection(): Redis {
    if (!this.subscriber) {
      this.subscriber = subscriberConnection();
      this.subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
    }
    return this.subscriber;
  }

  private deliver(channel: string, message: string): void {
    const room = this.rooms.get(channel);
    if (!room) return;
    const event = JSON.parse(message) as RoomEvent;
    for (const listener of room.listeners) listener(event);
  }

  async listen(roomId: string, listener: Listener): Promise<() => void> {
    const channel = roomKeys(roomId).feed;
    let room = this.rooms.get(channel);
    if (!room) {
      room = { listeners: new Set(), subscribed: this.connection().subscribe(channel) };
      this.rooms.set(channel, room);
    }
    room.listeners.add(listener);
    await room.subscribed;
    const entry = room;
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size || this.rooms.get(channel) !== entry) return;
      this.rooms.delete(channel);
      this.connection().unsubscribe(channel).catch(() => undefined);
    };
  }
}

const globalForFeed = globalThis as unknown as { stampedeRoomFeed?: RoomFeed };

export function roomFeed(): RoomFeed {
  globalForFeed.stampedeRoomFeed ??= new RoomFeed();
  return globalForFeed.stampedeRoomFeed;
}

export async function announce(roomId: string, event: RoomEvent): Promise<void> {
  await appRedis().publish(roomKeys(roomId).feed, JSON.stringify(event));
}
