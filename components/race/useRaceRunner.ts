'use client';

import { useCallback } from 'react';
import { useAppStore } from '@/lib/stores';
import { comparedSettings } from '@/lib/sim/comparison';
import type { SimSettings } from '@/lib/sim/settings';
import { followRace, startRace } from './api';

/**
 * Runs the race, then the comparison on the same seed. They run one after the other: a session
 * runs one race at a time, and each has keys of its own, which the keys panel shows.
 */
export function useRaceRunner() {
  const run = useCallback(async () => {
    const { raceSettings, compareWith, raceQueued, raceStarted, raceProgress, raceFinished } = useAppStore.getState();
    const compared = comparedSettings(raceSettings, compareWith);
    const queue: SimSettings[] = compared ? [raceSettings, compared] : [raceSettings];
    raceQueued(queue);
    for (const [slot, settings] of queue.entries()) {
      try {
        const id = await startRace(settings);
        raceStarted(slot, id);
        await followRace(id, {
          onEvents: (events, summary, labels, keyEvents) => raceProgress(slot, events, summary, labels, keyEvents),
          onDone: (status, summary, error) => raceFinished(slot, status, summary, error),
        });
      } catch (error) {
        raceFinished(slot, 'failed', null, (error as Error).message);
        return;
      }
    }
  }, []);
  return run;
}
