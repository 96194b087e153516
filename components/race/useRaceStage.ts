'use client';

import { useMemo } from 'react';
import { backendLoad } from '@/lib/sim/backendLoad';
import { keyTracks } from '@/lib/sim/keyTracks';
import { buildTimeline } from '@/lib/sim/timeline';
import type { RaceRun } from '@/lib/stores';
import { useReplay } from './useReplay';

/** The races' timelines and key tracks on one shared time axis, with the replay that plays them. */
export function useRaceStage(races: RaceRun[]) {
  const live = races.some((race) => race.status === 'running' || race.status === 'starting');
  const timelines = useMemo(() => races.map((race) => buildTimeline(race.events, race.settings.clients)), [races]);
  const tracks = useMemo(
    () => races.map((race) => keyTracks(race.keyEvents, race.events, { settings: race.settings, initialExpiryAtMs: race.summary?.initialExpiryAtMs ?? null })),
    [races],
  );
  const loads = useMemo(
    () => races.map((race) => ({ load: backendLoad(race.events), capacity: race.settings.backendCapacity, commandsPer10ms: race.summary?.redisCommandsPer10ms ?? [] })),
    [races],
  );
  const span = Math.max(0, ...timelines.map((t) => t.duration));
  // Step stops at what the keys did too: a lock taken, expired, deleted.
  const times = useMemo(
    () => Float64Array.from([...timelines.flatMap((t) => Array.from(t.times)), ...races.flatMap((race) => race.keyEvents.map((e) => e.t))]).sort(),
    [timelines, races],
  );
  const replay = useReplay(span, live, times);
  return { live, timelines, tracks, loads, span, replay };
}
