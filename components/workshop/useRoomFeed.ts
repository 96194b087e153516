'use client';

import { useEffect } from 'react';
import type { RoomEvent } from '@/lib/workshop/types';
import { openLiveStream } from '@/components/live/openLiveStream';
import { roomEventsUrl } from './api';

/**
 * Follows the room's announcements while mounted, through outages of Redis or the app; a closed
 * room ends the stream for good.
 */
export function useRoomFeed(code: string | undefined, onEvent: (event: RoomEvent) => void): void {
  useEffect(() => {
    if (!code) return;
    return openLiveStream(roomEventsUrl(code), (source) =>
      source.addEventListener('room', (message) => {
        const event = JSON.parse((message as MessageEvent<string>).data) as RoomEvent;
        if (event.type === 'closed') source.close();
        onEvent(event);
      }),
    );
  }, [code, onEvent]);
}
