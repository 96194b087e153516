'use client';

import { useEffect } from 'react';
import type { RoomEvent } from '@/lib/workshop/types';
import { roomEventsUrl } from './api';

/**
 * Follows the room's announcements while mounted. EventSource reconnects by itself after a
 * dropped connection or a server restart; a closed room ends the stream for good.
 */
export function useRoomFeed(code: string | undefined, onEvent: (event: RoomEvent) => void): void {
  useEffect(() => {
    if (!code) return;
    const source = new EventSource(roomEventsUrl(code));
    source.addEventListener('room', (message) => {
      const event = JSON.parse((message as MessageEvent<string>).data) as RoomEvent;
      if (event.type === 'closed') source.close();
      onEvent(event);
    });
    return () => source.close();
  }, [code, onEvent]);
}
