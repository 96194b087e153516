import type { Comparison } from '@/lib/sim/comparison';
import { DEFAULT_SETTINGS, type SimSettings } from '@/lib/sim/settings';
import type { KeyEvent, SimEvent, Summary } from '@/lib/sim/types';
import type { SliceCreator } from './types';

type RaceStatus = 'starting' | 'running' | 'done' | 'failed';

/** One race as the browser knows it: its settings and the events streamed so far. */
export interface RaceRun {
  id: string | null;
  settings: SimSettings;
  status: RaceStatus;
  events: SimEvent[];
  /** What the race's cache key and lock key did, as Redis reported it. */
  keyEvents: KeyEvent[];
  summary: Summary | null;
  /** Participants' names by client index, in a class race. */
  labels: Record<number, string>;
  error: string | null;
}

export interface RaceSlice {
  raceSettings: SimSettings;
  /** A second race on the same seed right after the first (another strategy, or the same race without TTL jitter), or null. */
  compareWith: Comparison | null;
  /** The main race first, then the comparison. */
  races: RaceRun[];
  setRaceSettings: (patch: Partial<SimSettings>) => void;
  setCompareWith: (comparison: Comparison | null) => void;
  raceQueued: (runs: SimSettings[]) => void;
  raceStarted: (slot: number, id: string) => void;
  raceProgress: (slot: number, events: SimEvent[], summary?: Summary, labels?: Record<number, string>, keyEvents?: KeyEvent[]) => void;
  raceFinished: (slot: number, status: 'done' | 'failed', summary: Summary | null, error?: string) => void;
}

const patchRun = (races: RaceRun[], slot: number, patch: (run: RaceRun) => Partial<RaceRun>) =>
  races.map((run, i) => (i === slot ? { ...run, ...patch(run) } : run));

export const createRaceSlice: SliceCreator<RaceSlice> = (set) => ({
  raceSettings: DEFAULT_SETTINGS,
  compareWith: null,
  races: [],
  setRaceSettings: (patch) => set((state) => ({ raceSettings: { ...state.raceSettings, ...patch } })),
  setCompareWith: (compareWith) => set({ compareWith }),
  raceQueued: (runs) =>
    set({ races: runs.map((settings) => ({ id: null, settings, status: 'starting', events: [], keyEvents: [], summary: null, labels: {}, error: null })) }),
  raceStarted: (slot, id) => set((state) => ({ races: patchRun(state.races, slot, () => ({ id, status: 'running' })) })),
  // Events arrive in batches of thousands; one new array per batch, not per event.
  raceProgress: (slot, events, summary, labels, keyEvents) =>
    set((state) => ({
      races: patchRun(state.races, slot, (run) => ({
        events: run.events.concat(events),
        keyEvents: keyEvents?.length ? run.keyEvents.concat(keyEvents) : run.keyEvents,
        summary: summary ?? run.summary,
        labels: labels ? { ...run.labels, ...labels } : run.labels,
      })),
    })),
  raceFinished: (slot, status, summary, error) =>
    set((state) => ({ races: patchRun(state.races, slot, (run) => ({ status, summary: summary ?? run.summary, error: error ?? null })) })),
});
