'use client';

import { useMemo } from 'react';
import { backendLoad, perBin } from '@/lib/sim/backendLoad';
import { keyTracks } from '@/lib/sim/keyTracks';
import { buildTimeline } from '@/lib/sim/timeline';
import type { RaceRun } from '@/lib/stores';
import { REBUILD_BIN_MS, type LoadStrips } from './loadDraw';
import { useReplay } from './useReplay';

/** The races' timelines and key tracks on one shared time axis, with the replay that plays them. */
export function useRaceStage(races: RaceRun[]) {
  const live = races.some((race) => race.status === 'running' || race.status === 'starting');
  const timelines = useMemo(() => races.map((race) => buildTimeline(race.events, race.settings.clients)), [races]);
  const tracks = useMemo(
    () => races.map((race) => keyTracks(race.keyEvents, race.events, { settings: race.settings, initialExpiryAtMs: race.summary?.initialExpiryAtMs ?? null })),
    [races],
  );
  const loads = useMemo(() => loadStrips(races), [races]);
  // The replay ends when the last recorded thing happened: a key's notice (the holder's release, say)
  // is stamped when the app reads it, which on a busy server comes after the client's own last event.
  const lastKeyEvent = races.reduce((latest, race) => race.keyEvents.reduce((at, e) => Math.max(at, e.t), latest), 0);
  const span = Math.max(lastKeyEvent, ...timelines.map((t) => t.duration));
  // Step stops at what the keys did too: a lock taken, expired, deleted.
  const times = useMemo(
    () => Float64Array.from([...timelines.flatMap((t) => Array.from(t.times)), ...races.flatMap((race) => race.keyEvents.map((e) => e.t))]).sort(),
    [timelines, races],
  );
  const replay = useReplay(span, live, times);
  return { live, timelines, tracks, loads, span, replay };
}

/** Each race's load strips, on vertical scales the races share, so a comparison compares heights. */
function loadStrips(races: RaceRun[]): LoadStrips[] {
  const own = races.map((race) => {
    const load = backendLoad(race.events);
    return { load, rebuilds: race.settings.keys > 1 ? perBin(load.starts, REBUILD_BIN_MS) : null, commandsPer10ms: race.summary?.redisCommandsPer10ms ?? [] };
  });
  const max = (of: (strip: (typeof own)[number]) => number) => Math.max(1, ...own.map(of));
  const scale = {
    calls: max((strip) => strip.load.peak),
    latencyMs: max((strip) => strip.load.maxLatencyMs),
    rebuilds: max((strip) => Math.max(0, ...(strip.rebuilds ?? []))),
    commands: max((strip) => Math.max(0, ...strip.commandsPer10ms)),
  };
  return own.map((strip, i) => ({ ...strip, capacity: races[i]!.settings.backendCapacity, timeoutMs: races[i]!.settings.backendTimeoutMs, scale }));
}
