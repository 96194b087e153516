'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { MembershipView, RoomEvent } from '@/lib/workshop/types';
import { classRacePath, joinClassRace, myRoom, pushedPath } from './api';
import styles from './Workshop.module.css';
import { useRoomFeed } from './useRoomFeed';

const ROOM_RETRY_MS = 2_000;

/**
 * Tells a participant which workshop they are in, and follows it: a pushed lesson opens, a reset
 * reloads their fresh state, a class race takes them to its lanes, and a closed room or a removal
 * (by the teacher, or by joining another room in another tab) says so.
 */
export function RoomBar() {
  const router = useRouter();
  const [room, setRoom] = useState<MembershipView | null>(null);
  const [ended, setEnded] = useState<string>();

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    // While Redis or the app is unreachable nobody can tell whether this session is in a room; ask
    // again until someone can, so a page opened during an outage still follows its workshop.
    const ask = () =>
      void myRoom().then((outcome) => {
        if (outcome.ok) setRoom(outcome.value.room);
        else retry = setTimeout(ask, ROOM_RETRY_MS);
      });
    ask();
    return () => clearTimeout(retry);
  }, []);

  const onEvent = useCallback(
    (event: RoomEvent) => {
      if (room?.role !== 'participant') return;
      if (event.type === 'push') router.push(pushedPath(event));
      else if (event.type === 'race') {
        void joinClassRace(room.code, event.raceId);
        router.push(classRacePath(event.raceId));
      } else if (event.type === 'reset' && event.memberId === room.memberId) window.location.reload();
      else if (event.type === 'removed' && event.memberId === room.memberId)
        setEnded(`You are no longer in workshop ${room.code}. Your playground is yours again.`);
      else if (event.type === 'closed') setEnded('The workshop has ended. Your playground is yours again.');
    },
    [room, router],
  );
  // Once out of the room, stop following it: its stream would only be refused.
  useRoomFeed(ended ? undefined : room?.code, onEvent);

  if (ended) {
    return (
      <span className={styles.roomBar} role="status" data-testid="room-ended">
        {ended}
      </span>
    );
  }
  if (!room) return null;
  return (
    <span className={styles.roomBar} data-testid="room-bar">
      Workshop <strong>{room.code}</strong> · {room.name}
      {room.role === 'teacher' && (
        <Link href={`/teach/${room.code}`} className={styles.barLink}>
          Dashboard
        </Link>
      )}
    </span>
  );
}
