import 'server-only';
import type { RoomEvent } from '@/lib/workshop/types';
import { channelFeed, publish } from '../redis/channelFeed';
import { roomKeys } from './keys';

/**
 * A room's announcements travel through Redis (sharded pub/sub on the room's own slot), so every
 * app instance hears them, whichever one the teacher's request reached.
 */
export function listenToRoom(roomId: string, listener: (event: RoomEvent) => void): Promise<() => void> {
  return channelFeed().listen(roomKeys(roomId).feed, (message) => listener(JSON.parse(message) as RoomEvent));
}

export async function announce(roomId: string, event: RoomEvent): Promise<void> {
  await publish(roomKeys(roomId).feed, JSON.stringify(event));
}
