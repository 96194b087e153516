'use client';

import { useMemo } from 'react';
import { buildTimeline } from '@/lib/sim/timeline';
import type { RaceRun } from '@/lib/stores';
import { useReplay } from './useReplay';

/** The races' timelines on one shared time axis, with the replay that plays them. */
export function useRaceStage(races: RaceRun[]) {
  const live = races.some((race) => race.status === 'running' || race.status === 'starting');
  const timelines = useMemo(() => races.map((race) => buildTimeline(race.events, race.settings.clients)), [races]);
  const span = Math.max(0, ...timelines.map((t) => t.duration));
  const times = useMemo(() => Float64Array.from(timelines.flatMap((t) => Array.from(t.times))).sort(), [timelines]);
  const replay = useReplay(span, live, times);
  return { live, timelines, span, replay };
}
