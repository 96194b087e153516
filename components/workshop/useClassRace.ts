'use client';

import { useEffect, useState } from 'react';
import { useAppStore } from '@/lib/stores';
import type { SimSettings } from '@/lib/sim/settings';
import { followRace, raceSettings } from '@/components/race/api';
import { joinClassRace, myRoom } from './api';

export type Seat = { state: 'joining' } | { state: 'racing'; client: number } | { state: 'watching'; note?: string } | { state: 'refused'; message: string };

/**
 * Steps this browser into the room's class race (as a client while the window is open, else as a
 * viewer), then follows the race's events into the race store, as the race page does.
 */
export function useClassRace(raceId: string): Seat {
  const [seat, setSeat] = useState<Seat>({ state: 'joining' });
  useEffect(() => {
    let cancelled = false;
    async function enter() {
      const room = await myRoom();
      if (!room.ok || !room.value.room)
        return setSeat({ state: 'refused', message: room.ok ? 'Join the workshop first: this race belongs to its room.' : room.message });
      const entry = await joinClassRace(room.value.room.code, raceId);
      if (cancelled) return;
      if (!entry.ok) return setSeat({ state: 'refused', message: entry.message });
      setSeat('client' in entry.value ? { state: 'racing', client: entry.value.client } : { state: 'watching', note: entry.value.reason });
      let settings: SimSettings;
      try {
        settings = await raceSettings(raceId);
      } catch (error) {
        return !cancelled && setSeat({ state: 'refused', message: (error as Error).message });
      }
      if (cancelled) return;
      const { raceQueued, raceStarted, raceProgress, raceFinished } = useAppStore.getState();
      raceQueued([settings]);
      raceStarted(0, raceId);
      await followRace(raceId, {
        onEvents: (events, summary, labels, keyEvents) => !cancelled && raceProgress(0, events, summary, labels, keyEvents),
        onDone: (status, summary, error) => !cancelled && raceFinished(0, status, summary, error),
      });
    }
    void enter();
    return () => {
      cancelled = true;
    };
  }, [raceId]);
  return seat;
}
